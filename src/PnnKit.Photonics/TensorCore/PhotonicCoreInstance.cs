using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// One fabricated photonic tensor core holding a layer's tiles (DESIGN §4): the effective rows×cols matrix its meshes
/// realize, read back from the fabricated meshes. Static errors only: meshes do not drift in this model.
/// </summary>
/// <param name="Rows">Outputs of the layer.</param>
/// <param name="Cols">Inputs of the layer.</param>
/// <param name="Effective">The realized matrix, row-major (the homodyne receivers' in-phase reading).</param>
/// <param name="Variation">The fabrication statistics drawn from.</param>
/// <param name="Seed">The seed of this copy.</param>
/// <param name="CalibrationReads">Core passes the per-tile gain calibration took (one per unit input of every tile; 0: uncalibrated).</param>
public sealed record PhotonicCoreInstance(int Rows, int Cols, double[] Effective, MeshVariation Variation, ulong Seed, long CalibrationReads);
