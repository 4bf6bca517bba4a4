using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace PnnKit.Core.Data;

/// <summary>The hash a <see cref="RemoteFile"/>'s published checksum is computed with.</summary>
public enum ChecksumKind
{
    /// <summary>SHA-256, lowercase hex (64 digits).</summary>
    Sha256,

    /// <summary>
    /// MD5, lowercase hex (32 digits). Used only where the data's authors publish nothing stronger
    /// (CIFAR-10); it detects corrupt and truncated downloads but is no defence against tampering.
    /// </summary>
    Md5,
}

/// <summary>One file of a downloadable set, with its published checksum (SHA-256 unless <paramref name="Kind"/> says otherwise).</summary>
public sealed record RemoteFile(string FileName, string Checksum, ChecksumKind Kind = ChecksumKind.Sha256)
{
    /// <summary>The checksum's name in messages: "SHA-256" or "MD5".</summary>
    public string KindName => Kind == ChecksumKind.Md5 ? "MD5" : "SHA-256";
}

/// <summary>A downloadable set: base URLs tried in order, and its files.</summary>
public sealed record RemoteDataset(string Name, IReadOnlyList<string> BaseUrls, IReadOnlyList<RemoteFile> Files)
{
    /// <summary>
    /// MNIST (LeCun, Cortes, Burges). yann.lecun.com is the canonical home; torchvision lists the
    /// same files on ossci-datasets as its mirror (torchvision/datasets/mnist.py, MNIST.mirrors and
    /// .resources with MD5s f68b3c2d…, d53e105e…, 9fb629c4…, ec29112d…). The SHA-256 sums below
    /// are the ones published for these files by many independent loaders (several agree; sizes
    /// 9,912,422 / 28,881 / 1,648,877 / 4,542 bytes).
    /// </summary>
    public static readonly RemoteDataset Mnist = new(
        "mnist",
        ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"],
        [
            new("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        ]);

    /// <summary>
    /// Fashion-MNIST (Xiao, Rasul, Vollgraf 2017, MIT), from Zalando's canonical bucket (the URL in
    /// the fashion-mnist README and torchvision's FashionMNIST.mirrors; torchvision MD5s 8d4fb7e6…,
    /// 25c81989…, bef4ecab…, bb300cfd…). SHA-256 sums as published alongside those files by
    /// independent loaders (two agree). Debian's dataset-fashion-mnist recompresses the files, so
    /// its .gz bytes differ though the IDX content is the same.
    /// </summary>
    public static readonly RemoteDataset FashionMnist = new(
        "fashion-mnist",
        ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
        [
            new("train-images-idx3-ubyte.gz", "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"),
            new("train-labels-idx1-ubyte.gz", "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"),
            new("t10k-images-idx3-ubyte.gz", "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"),
            new("t10k-labels-idx1-ubyte.gz", "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf"),
        ]);

    /// <summary>
    /// CIFAR-10, binary version (Krizhevsky 2009), from the authors' page
    /// https://www.cs.toronto.edu/~kriz/cifar.html, which publishes only an MD5 for each archive:
    /// c32a1d4ab5d03f1284b67883e8d87530 for cifar-10-binary.tar.gz (162 MB). That MD5 is stored
    /// as published rather than a SHA-256 the authors never gave; independent loaders quote the same
    /// MD5. <see cref="Downloader.FetchAsync"/> extracts the archive's six batch files into
    /// DIR/cifar-10-batches-bin (see <see cref="Cifar10Binary"/>).
    /// </summary>
    public static readonly RemoteDataset Cifar10 = new(
        "cifar-10",
        ["https://www.cs.toronto.edu/~kriz/"],
        [new(Cifar10Binary.ArchiveFileName, "c32a1d4ab5d03f1284b67883e8d87530", ChecksumKind.Md5)]);

    /// <summary>
    /// Omniglot (Lake et al., Science 350, 1332 (2015)) from its authors' repository, the two archives and MD5s torchvision's
    /// <c>Omniglot</c> fetches (torchvision/datasets/omniglot.py, <c>zips_md5</c>); extracted after verification
    /// (<see cref="OmniglotImages.Extract"/>).
    /// </summary>
    public static readonly RemoteDataset Omniglot = new(
        "omniglot",
        ["https://raw.githubusercontent.com/brendenlake/omniglot/master/python/", "https://github.com/brendenlake/omniglot/raw/master/python/"],
        [
            new("images_background.zip", "68d2efa1b9178cc56df9314c21c6e718", ChecksumKind.Md5),
            new("images_evaluation.zip", "6b91aef0f799c5bb55b94e3f2daec811", ChecksumKind.Md5),
        ]);

    /// <summary>The known downloadable sets.</summary>
    public static IReadOnlyList<RemoteDataset> All { get; } = [Mnist, FashionMnist, Cifar10, Omniglot];

    /// <summary>The set called <paramref name="name"/> ("mnist", "fashion-mnist", "cifar-10" or "omniglot").</summary>
    public static RemoteDataset Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No download for \"{name}\"; expected one of {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}

/// <summary>Settings of a <see cref="Downloader"/> run.</summary>
public sealed record DownloadOptions
{
    /// <summary>Replaces the set's base URLs (a mirror, or a local test server); null keeps them.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Tries per file and base URL; a dropped connection resumes from the partial file.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>One-line progress messages (what is fetched, resumed, verified), or null.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>
/// Downloads data files with checksum verification (SHA-256, or the MD5 a set's authors publish) and resume. A file NAME is written as NAME.part;
/// an interrupted transfer keeps NAME.part and the next try asks for the rest with an HTTP Range
/// request (RFC 9110 §14); only a part whose checksum matches is renamed to NAME (one rename within
/// the directory, so NAME is never seen half-written). A file already present and verified is not
/// fetched again. A checksum mismatch throws <see cref="DataFormatException"/>; a network failure
/// that outlasts the attempts throws <see cref="IOException"/> and leaves NAME.part for a later resume.
/// </summary>
public sealed class Downloader : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>Uses <paramref name="client"/> when given (its timeout applies), else a new client.</summary>
    public Downloader(HttpClient? client = null)
    {
        _ownsClient = client is null;
        _http = client ?? new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
    }

    /// <summary>
    /// Fetches every file of the set <paramref name="name"/> into <paramref name="directory"/>
    /// (created if missing) and returns the directory. <see cref="DataCatalog"/> finds the files
    /// there when it is passed as the data directory or the set's folder under it. For cifar-10 the
    /// verified archive is then extracted to DIR/cifar-10-batches-bin (all six batches checked
    /// before that directory appears; see <see cref="Cifar10Binary.Extract"/>).
    /// </summary>
    public Task<string> FetchAsync(string name, string directory, DownloadOptions? options = null, CancellationToken cancellationToken = default) =>
        FetchAsync(RemoteDataset.Get(name), directory, options, cancellationToken);

    /// <summary>
    /// Fetches every file of <paramref name="set"/> (one of <see cref="RemoteDataset.All"/>, or a
    /// copy with other files or checksums, as tests use) into <paramref name="directory"/>; a set
    /// named cifar-10 is extracted afterwards as in <see cref="FetchAsync(string, string, DownloadOptions?, CancellationToken)"/>.
    /// </summary>
    public async Task<string> FetchAsync(RemoteDataset set, string directory, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new DownloadOptions();
        Directory.CreateDirectory(directory);
        IReadOnlyList<string> bases = options.BaseUrl is null ? set.BaseUrls : [options.BaseUrl];
        foreach (var file in set.Files)
        {
            await FetchFileAsync(bases, file, Path.Combine(directory, file.FileName), options, cancellationToken).ConfigureAwait(false);
        }
        if (set.Name == RemoteDataset.Cifar10.Name)
        {
            string batches = Cifar10Binary.Extract(Path.Combine(directory, Cifar10Binary.ArchiveFileName), directory);
            (options.Log ?? (_ => { }))($"{batches}: six batch files extracted and checked");
        }
        if (set.Name == RemoteDataset.Omniglot.Name)
        {
            var folders = OmniglotImages.Extract(directory);
            (options.Log ?? (_ => { }))($"{string.Join(", ", folders)}: extracted");
        }
        return directory;
    }

    /// <summary>Fetches one file from the first base URL that serves it with the right checksum.</summary>
    public async Task FetchFileAsync(IReadOnlyList<string> baseUrls, RemoteFile file, string destination, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrls);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new DownloadOptions();
        var log = options.Log ?? (_ => { });
        if (File.Exists(destination))
        {
            string have = await ChecksumAsync(destination, file.Kind, cancellationToken).ConfigureAwait(false);
            if (have == file.Checksum)
            {
                log($"{destination}: present, {file.KindName} verified");
                return;
            }
            log($"{destination}: present but {file.KindName} {have} ≠ {file.Checksum}; fetching again");
            File.Delete(destination);
        }
        string part = destination + ".part";
        var failures = new List<string>();
        int checksumFailures = 0;
        foreach (string baseUrl in baseUrls)
        {
            var url = new Uri(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), file.FileName);
            for (int attempt = 1; attempt <= Math.Max(1, options.MaxAttempts); attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long have = File.Exists(part) ? new FileInfo(part).Length : 0;
                try
                {
                    await TransferAsync(url, part, have, log, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    long now = File.Exists(part) ? new FileInfo(part).Length : 0;
                    failures.Add($"{url} attempt {attempt}: {IdxReader.OneLine(ex.Message)} ({now} bytes kept in {Path.GetFileName(part)})");
                    log($"{url}: {IdxReader.OneLine(ex.Message)}; {now} bytes kept, retrying with resume");
                    continue;
                }
                string sum = await ChecksumAsync(part, file.Kind, cancellationToken).ConfigureAwait(false);
                if (sum == file.Checksum)
                {
                    File.Move(part, destination, overwrite: true);
                    log($"{destination}: {file.KindName} verified");
                    return;
                }
                File.Delete(part); // a corrupt part cannot be resumed; the next try starts over
                string msg = $"{url}: {file.KindName} {sum}; expected {file.Checksum} (partial file deleted)";
                failures.Add(msg);
                checksumFailures++;
                log(msg);
                if (have == 0)
                {
                    break; // a whole fresh copy was wrong: this source serves a different file, try the next
                }
            }
        }
        string all = string.Join("; ", failures);
        if (failures.Count > 0 && checksumFailures == failures.Count)
        {
            throw new DataFormatException($"{destination}: every source served content with the wrong checksum: {all}.");
        }
        throw new IOException($"{destination}: download failed from {string.Join(", ", baseUrls)}: {all}. Run again to resume from {Path.GetFileName(part)}.");
    }

    /// <summary>Lowercase hex checksum of a file, with the hash <paramref name="kind"/> names.</summary>
    public static async Task<string> ChecksumAsync(string path, ChecksumKind kind, CancellationToken cancellationToken = default)
    {
        if (kind == ChecksumKind.Sha256)
        {
            return await Sha256Async(path, cancellationToken).ConfigureAwait(false);
        }
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
#pragma warning disable CA5351 // MD5 is what the CIFAR-10 authors publish; it checks integrity, not authenticity
        byte[] hash = await MD5.HashDataAsync(fs, cancellationToken).ConfigureAwait(false);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Lowercase hex SHA-256 of a file.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        byte[] hash = await SHA256.HashDataAsync(fs, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private async Task TransferAsync(Uri url, string part, long have, Action<string> log, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
        {
            log($"{url}: server has no bytes past {have}; verifying the partial file as complete");
            return;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
        bool resumed = have > 0
            && response.StatusCode == HttpStatusCode.PartialContent
            && response.Content.Headers.ContentRange?.From == have;
        if (have > 0)
        {
            log(resumed ? $"{url}: resuming at byte {have}" : $"{url}: server ignored the range; starting over");
        }
        else
        {
            log($"{url}: fetching");
        }
        using var fs = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            await fs.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
        }
        await fs.FlushAsync(ct).ConfigureAwait(false);
        long? expected = response.Content.Headers.ContentLength;
        long written = fs.Length - (resumed ? have : 0);
        if (expected is long len && written < len)
        {
            throw new IOException($"connection closed after {written} of {len} bytes");
        }
    }
}
