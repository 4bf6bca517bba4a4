using PnnKit.Photonics.Components;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Tests;

public sealed class PresetTests
{
    [Fact]
    public void HeaterPreset_IsTheDefaultPhaseShifter()
    {
        Assert.Equal(new ThermoOpticPhaseShifter(), PhotonicPresets.HeaterSiHarris2014.Model);
        Assert.Equal((20e-3, 1000.0, 12), (PhotonicPresets.HeaterSiHarris2014.Model.PiPowerWatts, PhotonicPresets.HeaterSiHarris2014.Model.ResistanceOhms, PhotonicPresets.HeaterSiHarris2014.Model.DacBits));
    }

    [Fact]
    public void MeshProcessPreset_IsMeshVariationTypical_AndItsDetectorThePdPreset()
    {
        Assert.Same(MeshVariation.Typical, PhotonicPresets.MziSiThermoOptic.Model);
        Assert.Equal((0.02, 0.05, 0.2, 0.02, 0.0, 12), (MeshVariation.Typical.CouplerSplittingStd, MeshVariation.Typical.PhaseErrorStd, MeshVariation.Typical.InsertionLossDb,
            MeshVariation.Typical.InsertionLossStdDb, MeshVariation.Typical.NeighbourCrosstalk, MeshVariation.Typical.DacBits));
        Assert.Same(ThermalCrosstalk.Default, MeshVariation.Typical.ThermalCrosstalk); // the layout model replaces the fixed fraction
        Assert.Equal(PhotodetectorNoise.FromPhysics(1e-3, 10e9), PhotonicPresets.PdGeSiMichel2010.Model);
        Assert.Same(MeshVariation.Typical.DetectorNoise, PhotonicPresets.PdGeSiMichel2010.Model);
    }

    [Fact]
    public void EveryPhotonicPreset_HasUnitsAndSources()
    {
        Assert.Equal(["heater-si-harris-2014", "mzi-si-thermo-optic", "pd-ge-si-michel-2010", "accel-eac-chen-2023"], PhotonicPresets.All.Select(p => p.Name));
        Assert.All(PhotonicPresets.All.SelectMany(p => p.Parameters), q => Assert.True(q.Unit.Length > 0 && q.Source.Length > 0, q.Name));
    }
}
