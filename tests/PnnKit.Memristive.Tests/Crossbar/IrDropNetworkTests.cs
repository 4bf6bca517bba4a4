using PnnKit.Core.Random;
using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Tests.Crossbar;

public class IrDropNetworkTests
{
    private static CrossbarTile RandomTile(int rows, int cols, ulong seed)
    {
        var tile = new CrossbarTile(rows, cols);
        var rng = new Rng(seed);
        rng.FillUniform<double>(tile.GPlus, 0, 25e-6);
        rng.FillUniform<double>(tile.GMinus, 0, 25e-6);
        return tile;
    }

    // Independent reference: dense KCL system over named nodes, solved by Gaussian elimination with pivoting.
    private static double[] DenseReference(CrossbarTile tile, double rWire, double[] v)
    {
        int rows = tile.Rows, pc = 2 * tile.Columns, n = 2 * rows * pc;
        int R(int i, int c) => (i * pc) + c;
        int C(int i, int c) => (rows * pc) + (i * pc) + c;
        var a = new double[n, n];
        var b = new double[n];
        double gw = 1 / rWire;
        void Stamp(int p, int q, double g)
        {
            a[p, p] += g;
            a[q, q] += g;
            a[p, q] -= g;
            a[q, p] -= g;
        }
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < pc; c++)
            {
                double g = (c % 2 == 0 ? tile.GPlus : tile.GMinus)[(i * tile.Columns) + (c / 2)];
                Stamp(R(i, c), C(i, c), g);
                if (c == 0)
                {
                    a[R(i, 0), R(i, 0)] += gw;
                    b[R(i, 0)] += gw * v[i];
                }
                else
                {
                    Stamp(R(i, c - 1), R(i, c), gw);
                }
                if (i > 0)
                {
                    Stamp(C(i - 1, c), C(i, c), gw);
                }
                if (i == rows - 1)
                {
                    a[C(i, c), C(i, c)] += gw;
                }
            }
        }
        for (int k = 0; k < n; k++)
        {
            int piv = k;
            for (int r = k + 1; r < n; r++)
            {
                if (Math.Abs(a[r, k]) > Math.Abs(a[piv, k]))
                {
                    piv = r;
                }
            }
            for (int c = 0; c < n; c++)
            {
                (a[k, c], a[piv, c]) = (a[piv, c], a[k, c]);
            }
            (b[k], b[piv]) = (b[piv], b[k]);
            for (int r = k + 1; r < n; r++)
            {
                double f = a[r, k] / a[k, k];
                for (int c = k; c < n; c++)
                {
                    a[r, c] -= f * a[k, c];
                }
                b[r] -= f * b[k];
            }
        }
        var x = new double[n];
        for (int k = n - 1; k >= 0; k--)
        {
            double s = b[k];
            for (int c = k + 1; c < n; c++)
            {
                s -= a[k, c] * x[c];
            }
            x[k] = s / a[k, k];
        }
        var currents = new double[tile.Columns];
        for (int j = 0; j < tile.Columns; j++)
        {
            currents[j] = gw * (x[C(rows - 1, 2 * j)] - x[C(rows - 1, (2 * j) + 1)]);
        }
        return currents;
    }

    [Fact]
    public void SingleCell_CurrentIsVOverSeriesResistance_ByHand()
    {
        var tile = new CrossbarTile(1, 1);
        tile.Set(0, 0, 10e-6, 0);
        var net = new IrDropNetwork(tile, 1000);
        var i = new double[1];
        net.Read([0.2], i);
        // Source → 1 kΩ → 100 kΩ device → 1 kΩ → ground: I = 0.2 / 102 kΩ.
        Assert.Equal(0.2 / 102_000, i[0], 1e-15);
    }

    [Theory]
    [InlineData(3, 2, 50.0)] // rows < physical columns
    [InlineData(6, 1, 200.0)] // rows > physical columns
    [InlineData(4, 3, 5.0)]
    [InlineData(16, 8, 1.0)] // long wires at 1 Ω: the chains couple strongly through the devices
    [InlineData(8, 16, 0.05)]
    public void Solve_MatchesDenseReference(int rows, int cols, double rWire)
    {
        var tile = RandomTile(rows, cols, (ulong)(rows * 10 + cols));
        var v = new double[rows];
        new Rng(3).FillUniform<double>(v, -0.2, 0.2);
        var net = new IrDropNetwork(tile, rWire);
        var solved = new double[cols];
        net.Read(v, solved);
        var dense = DenseReference(tile, rWire, v);
        for (int j = 0; j < cols; j++)
        {
            Assert.Equal(dense[j], solved[j], Math.Abs(dense[j]) * 1e-10 + 1e-18);
        }
    }

    [Theory]
    [InlineData(12, 3, 2.0)] // rows > physical columns: one adjoint solve per physical column
    [InlineData(3, 5, 2.0)] // rows ≤ physical columns: one read per unit row voltage
    [InlineData(16, 8, 1.0)]
    public void TransferMatrix_TimesTheRowVoltages_IsTheSolvedRead_AndTheDenseReference(int rows, int cols, double rWire)
    {
        var tile = RandomTile(rows, cols, (ulong)(rows + (7 * cols)));
        var net = new IrDropNetwork(tile, rWire);
        var m = net.TransferMatrix();
        for (int trial = 0; trial < 3; trial++)
        {
            var v = new double[rows];
            new Rng((ulong)(30 + trial)).FillUniform<double>(v, -0.2, 0.2);
            var solved = new double[cols];
            net.Read(v, solved);
            var dense = DenseReference(tile, rWire, v);
            for (int j = 0; j < cols; j++)
            {
                double product = 0;
                for (int i = 0; i < rows; i++)
                {
                    product += m[(j * rows) + i] * v[i];
                }
                Assert.Equal(solved[j], product, (Math.Abs(solved[j]) * 1e-9) + 1e-18);
                Assert.Equal(dense[j], product, (Math.Abs(dense[j]) * 1e-9) + 1e-18);
            }
        }
    }

    [Fact]
    public void SolvedNodeVoltages_BalanceEveryNodesCurrents()
    {
        // Kirchhoff's current law, node by node, from the circuit (not from the solver's matrix): the currents leaving
        // each node through its device and its wire segments (to the source, the sense amplifier's virtual ground or the
        // neighbouring node) sum to zero.
        const int rows = 7, cols = 4;
        const double rWire = 3.0, gw = 1 / rWire;
        var tile = RandomTile(rows, cols, 41);
        var net = new IrDropNetwork(tile, rWire);
        var v = new double[rows];
        new Rng(42).FillUniform<double>(v, -0.2, 0.2);
        var u = net.NodeVoltages(v);
        int pc = 2 * cols;
        double G(int i, int c) => (c & 1) == 0 ? tile.GPlus[(i * cols) + (c / 2)] : tile.GMinus[(i * cols) + (c / 2)];
        double scale = 0.2 * 25e-6;
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < pc; c++)
            {
                double row = u[net.RowNode(i, c)], col = u[net.ColumnNode(i, c)];
                double left = c == 0 ? v[i] : u[net.RowNode(i, c - 1)];
                double rowOut = (G(i, c) * (row - col)) + (gw * (row - left)) + (c < pc - 1 ? gw * (row - u[net.RowNode(i, c + 1)]) : 0);
                Assert.Equal(0, rowOut, scale * 1e-10);
                double below = i == rows - 1 ? 0 : u[net.ColumnNode(i + 1, c)];
                double colOut = (G(i, c) * (col - row)) + (gw * (col - below)) + (i > 0 ? gw * (col - u[net.ColumnNode(i - 1, c)]) : 0);
                Assert.Equal(0, colOut, scale * 1e-10);
            }
        }
    }

    [Fact]
    public void NegligibleWireResistance_ReducesToOhmAndKirchhoff()
    {
        var tile = RandomTile(8, 5, 4);
        double[] v = [0.1, -0.2, 0.05, 0.2, 0, 0.15, -0.1, 0.12];
        var ideal = new double[5];
        tile.Read(v, ideal);
        var solved = new double[5];
        new IrDropNetwork(tile, 1e-6).Read(v, solved);
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal(ideal[j], solved[j], Math.Abs(ideal[j]) * 1e-6 + 1e-15);
        }
    }

    [Fact]
    public void WireResistance_LowersEveryPhysicalColumnCurrent()
    {
        var tile = RandomTile(16, 16, 5);
        var v = Enumerable.Repeat(0.2, 16).ToArray();
        var ip0 = new double[16];
        var im0 = new double[16];
        tile.Read(v, new double[16], ip0, im0);
        var ip = new double[16];
        var im = new double[16];
        new IrDropNetwork(tile, 10).Read(v, new double[16], ip, im);
        for (int j = 0; j < 16; j++)
        {
            Assert.True(ip[j] < ip0[j] && ip[j] > 0.5 * ip0[j]);
            Assert.True(im[j] < im0[j]);
        }
    }

    [Fact]
    public void Solve_StopsAtRoundOff_AndZeroInputsGiveZeroCurrents()
    {
        var tile = RandomTile(8, 4, 9);
        var net = new IrDropNetwork(tile, 1.0);
        var v = new double[8];
        new Rng(4).FillUniform<double>(v, -0.2, 0.2);
        net.Read(v, new double[4]);
        Assert.InRange(net.LastRelativeResidual, 0, IrDropNetwork.AcceptedTolerance);
        Assert.InRange(net.LastIterations, 1, 100);
        var zero = new double[4];
        net.Read(new double[8], zero);
        Assert.All(zero, i => Assert.Equal(0.0, i));
    }

    [Fact]
    public void Constructor_RefusesNonPositiveWireResistance()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new IrDropNetwork(new CrossbarTile(2, 2), 0));
        Assert.Equal("wireResistanceOhms", ex.ParamName);
    }
}
