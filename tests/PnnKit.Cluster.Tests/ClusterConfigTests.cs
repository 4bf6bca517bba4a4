namespace PnnKit.Cluster.Tests;

public sealed class ClusterConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-cluster-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("cluster:\n  clustering: kubernetes\n  silo_ports: [11111]\n  gateway_ports: [30000]\n", "cluster.clustering", "localhost")]
    [InlineData("cluster:\n  silo_ports: [80]\n  gateway_ports: [30000]\n", "cluster.silo_ports", "[1024, 65535]")]
    [InlineData("cluster:\n  silo_ports: [11111, 11112]\n  gateway_ports: [30000]\n", "cluster.gateway_ports", "one port per silo")]
    [InlineData("cluster:\n  silo_ports: [11111]\n  gateway_ports: [11111]\n", "cluster.gateway_ports", "used twice")]
    [InlineData("cluster:\n  silo_ports: [11111]\n", "gateway_ports", "required")]
    [InlineData("cluster:\n  silo_ports: [11111]\n  gateway_ports: [30000]\n  port: 5\n", "cluster.port", "unknown key")]
    public void BadClusterConfig_ExitsTwo_NamingFileFieldAndRange(string yaml, string field, string allowed)
    {
        string file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, yaml);
        var (code, _, err) = Pnn.Run(_dir, "cluster", "silo", "--cluster", file);
        Assert.Equal(2, code);
        Assert.Contains(file, err, StringComparison.Ordinal);
        Assert.Contains(field, err, StringComparison.Ordinal);
        Assert.Contains(allowed, err, StringComparison.Ordinal);
    }

    [Fact]
    public void ASweepSentToAClusterThatIsNotRunning_ExitsTwo_SayingHowToStartIt()
    {
        string file = Path.Combine(_dir, "nobody.yaml");
        File.WriteAllText(file, $"cluster:\n  silo_ports: [{SiloHost.FreePort()}]\n  gateway_ports: [{SiloHost.FreePort()}]\n");
        string run = Pnn.TrainMemristive(_dir, "mem-iris", epochs: 5);
        var (code, _, err) = Pnn.Run(_dir, "robustness", "--design", run, "--instances", "2", "--ages", "1s", "--cluster", file);
        Assert.Equal(2, code);
        Assert.Contains("pnn cluster silo", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedExample_Loads()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "PnnKit.sln")))
        {
            dir = dir.Parent;
        }
        var (code, _, err) = Pnn.Run(_dir, "cluster", "silo", "--cluster", Path.Combine(dir.FullName, "configs", "cluster", "localhost.yaml"), "--silo", "3");
        // --silo 3 is out of the example's three silos: the file parses, and the option's range names its size.
        Assert.Equal(2, code);
        Assert.Contains("--silo", err, StringComparison.Ordinal);
        Assert.Contains("[0, 2]", err, StringComparison.Ordinal);
    }
}
