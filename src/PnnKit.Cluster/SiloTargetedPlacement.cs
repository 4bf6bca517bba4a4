using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace PnnKit.Cluster;

/// <summary>Places a grain keyed "SILO/..." on SILO (a <see cref="SiloAddress"/> in its parsable form) while it is in the cluster.</summary>
[GenerateSerializer, Immutable, Alias("PnnKit.Cluster.SiloTargetedPlacement")]
public sealed class SiloTargetedPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static SiloTargetedPlacement Singleton { get; } = new();
}

/// <summary>Marks a grain class for <see cref="SiloTargetedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloTargetedPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public SiloTargetedPlacementAttribute() : base(SiloTargetedPlacement.Singleton) { }
}

/// <summary>Reads the silo from the grain key; a silo that has left gets its slot placed on any compatible silo.</summary>
internal sealed class SiloTargetedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        string key = target.GrainIdentity.Key.ToString() ?? "";
        int slash = key.LastIndexOf('/');
        var wanted = slash > 0 ? silos.FirstOrDefault(s => s.ToParsableString() == key[..slash]) : null;
        return Task.FromResult(wanted ?? silos[0]);
    }
}
