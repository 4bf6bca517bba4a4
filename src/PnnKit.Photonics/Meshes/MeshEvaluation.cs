namespace PnnKit.Photonics.Meshes;

/// <summary>How an <see cref="MziMesh{T}"/> evaluates a batch; both ways are exact and agree up to rounding.</summary>
internal enum MeshEvaluation
{
    /// <summary>The transfer-matrix path for batches of at least 2·N samples on N ≥ 16 modes, else column by column.</summary>
    Automatic,

    /// <summary>Every sample through every column of 2×2 cells (keeps the per-sample fields at every shifter).</summary>
    Columns,

    /// <summary>
    /// The N×N identity through the columns to get the transfer matrix, then one complex GEMM with
    /// the batch; the adjoint needs two more GEMMs and one adjoint pass on the identity.
    /// </summary>
    TransferMatrix,
}
