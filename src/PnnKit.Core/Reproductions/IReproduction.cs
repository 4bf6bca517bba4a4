namespace PnnKit.Core.Reproductions;

/// <summary>
/// One paper reproduction, run by <c>pnn repro NAME</c>. It lives beside the physics it exercises (DESIGN §1):
/// in its substrate's <c>Reproductions/</c> when it needs that substrate and Core only, else in
/// <c>PnnKit.Bench/Reproductions/</c> under the substrate it exercises (or <c>Methods/</c> when it compares a
/// training method across substrates). Every one is listed by the registry in PnnKit.Bench.
/// </summary>
public interface IReproduction
{
    /// <summary>The command's name, kebab-case: <c>pnn repro NAME</c>.</summary>
    string Name { get; }

    /// <summary>What it reproduces, one line (the README's reproduction list says the same).</summary>
    string Summary { get; }

    /// <summary>The papers it follows; empty for a demonstration of PnnKit's own.</summary>
    IReadOnlyList<Paper> Papers { get; }

    /// <summary>What <c>--quick</c> reduces, in words; null when the reproduction has no reduced run.</summary>
    string? Quick { get; }

    /// <summary>The options it reads besides <c>--json</c>; any other is refused before it runs.</summary>
    IReadOnlyList<ReproOption> Options { get; }

    /// <summary>Runs it: the options in <paramref name="args"/>, progress and the device in <paramref name="context"/>.</summary>
    IReproResult Run(IReproArgs args, ReproContext context);
}

/// <summary>What a reproduction measured: a report for people and a JSON value for scripts.</summary>
public interface IReproResult
{
    /// <summary>The lines and tables <c>pnn repro NAME</c> prints.</summary>
    ReproReport Report();

    /// <summary>The value <c>pnn repro NAME --json</c> writes (serialized snake_case).</summary>
    object Json();
}

/// <summary>A paper a reproduction follows.</summary>
/// <param name="Authors">First author et al., or the authors, as cited.</param>
/// <param name="Year">Year of publication.</param>
/// <param name="Venue">Journal or conference.</param>
public sealed record Paper(string Authors, int Year, string Venue)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Authors} {Year}, {Venue}";
}

/// <summary>An option of a reproduction: a flag (<c>--quick</c>) or one taking a value (<c>--epochs N</c>).</summary>
/// <param name="Name">Without the dashes.</param>
/// <param name="Help">What it changes, one phrase.</param>
/// <param name="IsFlag">True for a flag, false for an option that takes a value.</param>
public sealed record ReproOption(string Name, string Help, bool IsFlag = false)
{
    /// <summary>--quick: the reduced run (what it reduces is <see cref="IReproduction.Quick"/>).</summary>
    public static ReproOption Quick { get; } = new("quick", "the reduced run", IsFlag: true);

    /// <summary>--seed N: the seed every random draw derives from (default 1).</summary>
    public static ReproOption Seed { get; } = new("seed", "seed of every random draw (default 1)");

    /// <summary>--epochs N: training epochs.</summary>
    public static ReproOption Epochs { get; } = new("epochs", "training epochs");

    /// <summary>--instances N: fabricated instances evaluated.</summary>
    public static ReproOption Instances { get; } = new("instances", "fabricated instances");

    /// <summary>--sweep: the hyper-parameter search on validation instead of the run at the chosen values.</summary>
    public static ReproOption Sweep { get; } = new("sweep", "the search on validation behind the chosen settings", IsFlag: true);

    /// <summary>--dataset NAME: the dataset it runs on.</summary>
    public static ReproOption Dataset { get; } = new("dataset", "dataset (mnist-subset, mnist, fashion-mnist)");

    /// <summary>--device grpc://HOST:PORT/NAME: a chip served by <c>pnn serve</c> instead of the one in process.</summary>
    public static ReproOption Device { get; } = new("device", "a served chip, grpc://HOST:PORT/NAME");

    /// <summary>--token-file F: the served chip's bearer token.</summary>
    public static ReproOption TokenFile { get; } = new("token-file", "the served chip's token file");
}

/// <summary>The options given to <c>pnn repro NAME</c>; reading one marks it used, so an option given but never read is an error.</summary>
public interface IReproArgs
{
    /// <summary>True when --<paramref name="name"/> was given.</summary>
    bool Flag(string name);

    /// <summary>The value of --<paramref name="name"/>, or null.</summary>
    string? Value(string name);

    /// <summary>The integer value of --<paramref name="name"/> in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/>.</summary>
#pragma warning disable CA1720 // the CLI's own name for an integer option
    int Int(string name, int fallback, int min, int max);
#pragma warning restore CA1720

    /// <summary>--seed (default 1).</summary>
    ulong Seed => (ulong)Int("seed", 1, 0, int.MaxValue);
}

/// <summary>What a reproduction may use beyond its options.</summary>
/// <param name="Log">Progress lines (stderr), or null when quiet (e.g. under --json).</param>
public sealed record ReproContext(Action<string>? Log)
{
    /// <summary>Connects the chip named by --device (null when none was given); the caller disposes it.</summary>
    public Func<IServedChip?> ConnectChip { get; init; } = () => null;
}

/// <summary>A chip served over the device protocol: mesh l is device NAME{l} on the server.</summary>
public interface IServedChip : IDisposable
{
    /// <summary>Mesh <paramref name="layer"/> as a system that measures its own gradient.</summary>
    Physical.IGradientSystem<double> Mesh(int layer);

    /// <summary>One line: what the device counted (examples, gradients, readings, energy).</summary>
    string Summary();
}
