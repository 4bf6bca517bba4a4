using PnnKit.Photonics.Reproductions;

namespace PnnKit.Photonics.Tests.Reproductions;

public class MeshCalibrationReportTests
{
    [Theory]
    [InlineData(nameof(MeshCalibrationReportOptions.Sizes))]
    [InlineData(nameof(MeshCalibrationReportOptions.ProgramIterations))]
    public void BadSetting_IsRefused_NamingIt(string setting)
    {
        var bad = setting == nameof(MeshCalibrationReportOptions.Sizes)
            ? new MeshCalibrationReportOptions { Sizes = [16, 1] }
            : new MeshCalibrationReportOptions { ProgramIterations = 0 };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(bad.Validate);
        Assert.Equal(setting, ex.ParamName);
    }
}
