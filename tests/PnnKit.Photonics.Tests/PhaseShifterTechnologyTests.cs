using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class PhaseShifterTechnologyTests(ITestOutputHelper output)
{
    [Fact]
    public void HoldingPower_IsProportionalToPhase_ForHeaters_ConstantForMems_ZeroForPcm()
    {
        Assert.Equal(20e-3, PhaseShifterTechnology.ThermoOptic.HoldingPowerFor(Math.PI), 1e-15);
        Assert.Equal(10e-3, PhaseShifterTechnology.ThermoOptic.HoldingPowerFor((2 * Math.PI) + (Math.PI / 2)), 1e-15); // wrapped: π/2
        Assert.Equal(1e-9, PhaseShifterTechnology.Mems.HoldingPowerFor(Math.PI), 1e-20);
        Assert.Equal(1e-9, PhaseShifterTechnology.Mems.HoldingPowerFor(0.1), 1e-20);
        Assert.Equal(0, PhaseShifterTechnology.PhaseChange.HoldingPowerFor(Math.PI));
        Assert.True(PhaseShifterTechnology.ThermoOptic.HeatsNeighbours);
        Assert.False(PhaseShifterTechnology.Mems.HeatsNeighbours || PhaseShifterTechnology.PhaseChange.HeatsNeighbours);
    }

    [Fact]
    public void CostModel_ChargesTheTechnologysHoldingPower_AndDefaultsToTheHarrisHeater()
    {
        var mesh = new ClementsMesh<double>(8, new Rng(2));
        double phases = mesh.Theta.Value.Data.Concat(mesh.Phi.Value.Data).Concat(mesh.OutputPhase.Value.Data).Sum(ThermoOpticPhaseShifter.Wrap);
        Assert.Equal(20e-3 * phases / Math.PI, PhotonicCostModel.Default.HeaterPowerWatts(mesh), 1e-12);
        Assert.Equal(10e-6, PhotonicCostModel.Default.HeaterSettlingSeconds);
        int shifters = (2 * mesh.MziCount) + mesh.Modes;
        Assert.Equal(shifters * 1e-9, (PhotonicCostModel.Default with { PhaseShifter = PhaseShifterTechnology.Mems }).HeaterPowerWatts(mesh), 1e-18);
        Assert.Equal(0, (PhotonicCostModel.Default with { PhaseShifter = PhaseShifterTechnology.PhaseChange }).HeaterPowerWatts(mesh));
    }

    [Fact]
    public void CalibrationDeviceTime_CountsOneSettlingTimePerWrite()
    {
        var device = new ClementsMesh<double>(4).Fabricate(MeshVariation.None with { PhaseErrorStd = 0.05 }, 1).Mesh;
        var r = Calibration.MeshCalibration.Calibrate(device, Linear.ComplexMatrix.RandomUnitary(4, new Rng(1)), new Calibration.CalibrationOptions { FitIterations = 5, ProgramIterations = 5 });
        Assert.Equal((4, 24L), (r.PhaseWrites, r.ProbeInputs)); // 3 settings and the result; 3 × 2N probes
        Assert.Equal((4 * 10e-6) + (24 / 10e9), r.DeviceSeconds(PhotonicCostModel.Default), 1e-18);
        Assert.Equal((4 * 100e-6) + (24 / 10e9), r.DeviceSeconds(PhotonicCostModel.Default with { PhaseShifter = PhaseShifterTechnology.PhaseChange }), 1e-18);
    }

    [Fact]
    public void Parse_RefusesAnUnknownName_ListingTheAllowedOnes()
    {
        Assert.Same(PhaseShifterTechnology.PhaseChange, PhaseShifterTechnology.Parse("PCM"));
        var e = Assert.Throws<ArgumentException>(() => PhaseShifterTechnology.Parse("lcos"));
        Assert.Contains("thermo, mems, pcm", e.Message, StringComparison.Ordinal);
        Assert.Contains("phase-shifter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PhaseShifterFlag_ChangesMeshMnistsSystemEnergy_AndWriteEnergy()
    {
        Assert.Same(PhaseShifterTechnology.Mems, MeshMnistReproduction.OptionsFrom(new Args(("phase-shifter", "mems"))).PhaseShifter);
        Assert.Same(PhaseShifterTechnology.ThermoOptic, MeshMnistReproduction.OptionsFrom(new Args()).PhaseShifter);
        var small = MeshMnistOptions.Quick with { TrainLimit = 200, TestLimit = 100, Epochs = 1, Chip = null };
        var energy = PhaseShifterTechnology.All.ToDictionary(t => t.Name, t => MeshMnist.Run(small with { PhaseShifter = t }));
        foreach (var (name, r) in energy)
        {
            output.WriteLine($"{name}: system {r.SystemEnergyPerInferenceJoules:E3} J per inference, writing {r.WriteEnergyJoules:E3} J, test {r.TestAccuracy:P2}");
        }
        // Same training, same accuracy; only the cost of holding and writing the phases differs.
        Assert.Equal(energy["thermo"].TestAccuracy, energy["pcm"].TestAccuracy);
        Assert.True(energy["pcm"].SystemEnergyPerInferenceJoules < energy["mems"].SystemEnergyPerInferenceJoules);
        Assert.True(energy["mems"].SystemEnergyPerInferenceJoules < 0.5 * energy["thermo"].SystemEnergyPerInferenceJoules);
        int shifters = 2 * ((2 * 2016) + 64);
        Assert.Equal(shifters * 100e-9, energy["pcm"].WriteEnergyJoules, 1e-12);
        Assert.Equal(0, energy["thermo"].WriteEnergyJoules);
    }

    private sealed class Args(params (string Name, string Value)[] values) : IReproArgs
    {
        public bool Flag(string name) => false;

        public string? Value(string name) => values.FirstOrDefault(v => v.Name == name).Value;

        public int Int(string name, int fallback, int min, int max) => fallback;
    }
}
