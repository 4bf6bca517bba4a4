using System.Text.Json;

namespace PnnKit.Cli.Tests;

/// <summary>Checks the "splits" object every result's JSON carries (train / validation / test sizes).</summary>
internal static class SplitsJson
{
    public static void AssertSizes(JsonElement result, int train, int validation, int test)
    {
        var s = result.GetProperty("splits");
        Assert.Equal((train, validation, test), (s.GetProperty("train").GetInt32(), s.GetProperty("validation").GetInt32(), s.GetProperty("test").GetInt32()));
    }
}
