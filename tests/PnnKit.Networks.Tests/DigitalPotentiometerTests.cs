using PnnKit.Networks.Reproductions;

namespace PnnKit.Networks.Tests;

public class DigitalPotentiometerTests
{
    [Fact]
    public void Conductance_IsUnitTapOverTap_AsAResistorStringOfEqualSteps()
    {
        var pot = new DigitalPotentiometer();
        // R = n R_step (AD5220: R_step = R_AB/128): g(64) = 1, g(128) = 1/2, g(1) = 64 in units of 1/(64 R_step).
        Assert.Equal(1.0, pot.Conductance(64), 15);
        Assert.Equal(0.5, pot.Conductance(128), 15);
        Assert.Equal(64.0, pot.Conductance(1), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => pot.Conductance(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pot.Conductance(129));
    }

    [Fact]
    public void Comparator_HonoursItsOffsetAndDeadBand()
    {
        var pot = new DigitalPotentiometer { ComparatorThreshold = 1e-3 };
        // |ΔV_C| − |ΔV_F| = +2 mV: one tap up (more resistance) with no offset; with a +2.5 mV offset the comparator reads −0.5 mV: inside the band, hold.
        Assert.Equal(1, pot.Count(0.102, -0.100, 0));
        Assert.Equal(0, pot.Count(0.102, -0.100, 2.5e-3));
        // With a +5 mV offset it reads −3 mV: one tap down.
        Assert.Equal(-1, pot.Count(0.102, -0.100, 5e-3));
        Assert.Equal(0, pot.Count(0.1005, 0.100, 0)); // 0.5 mV is inside the 1 mV band
        // The counter does not wrap at the ends of the string.
        Assert.Equal(128, pot.Move(128, 1));
        Assert.Equal(1, pot.Move(1, -1));
    }

    [Fact]
    public void ComparatorOffsets_HaveTheDatasheetSpread()
    {
        var offsets = new DigitalPotentiometer().SampleOffsets(20_000, 7);
        double mean = offsets.Average();
        double sd = Math.Sqrt(offsets.Sum(o => (o - mean) * (o - mean)) / offsets.Length);
        Assert.Equal(0, mean, 1e-4);
        Assert.Equal(2e-3, sd, 6e-5); // LM339: 2 mV typical; 3σ of the sample standard deviation is 4 % of it
    }

    [Fact]
    public void PotentiometerEdges_MoveByWholeTaps_AndStayInTheTapRange()
    {
        var net = new ResistorNetwork(new NetworkGraph(CoupledLearningIris.InteriorNodes, CoupledLearningIris.InteriorLayout(), [0]));
        var pot = new DigitalPotentiometer { Positions = 8, UnitTap = 4 };
        var model = new ResistorClassifier(net, CoupledLearningIris.SourceNodes, CoupledLearningIris.OutputNodes, pot, 4, 1);
        var rng = new Core.Random.Rng(3);
        bool moved = false, railed = false;
        for (int step = 0; step < 200; step++)
        {
            var before = model.Taps!.ToArray();
            double[] x = [rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), 1.0];
            model.Step(x, [1.0, 0.0, 0.0], 0.5, 0.1);
            for (int j = 0; j < before.Length; j++)
            {
                int d = model.Taps![j] - before[j];
                Assert.InRange(d, -1, 1);
                Assert.InRange(model.Taps![j], 1, 8);
                Assert.Equal(pot.Conductance(model.Taps[j]), model.Conductances[j], 15);
                moved |= d != 0;
                railed |= model.Taps[j] is 1 or 8;
            }
        }
        Assert.True(moved && railed, "200 updates on an 8-tap string should move taps and reach an end");
    }

    [Fact]
    public void InteriorLayout_Has64ConnectedNodes_AndTerminalsTouchOnlyInteriorNodes()
    {
        var edges = CoupledLearningIris.InteriorLayout();
        Assert.Equal(160, edges.Count);
        Assert.All(edges, e => Assert.True(e.A > 8 || e.B > 8, $"{e} joins two terminals"));
        Assert.Equal(edges.Count, edges.Select(e => (Math.Min(e.A, e.B), Math.Max(e.A, e.B))).Distinct().Count());
        // Connected: a breadth-first search from ground reaches every node.
        var seen = new HashSet<int> { 0 };
        var queue = new Queue<int>([0]);
        while (queue.Count > 0)
        {
            int n = queue.Dequeue();
            foreach (var e in edges.Where(e => e.A == n || e.B == n))
            {
                int m = e.A == n ? e.B : e.A;
                if (seen.Add(m))
                {
                    queue.Enqueue(m);
                }
            }
        }
        Assert.Equal(CoupledLearningIris.InteriorNodes, seen.Count);
        Assert.Throws<NetworkException>(() => Lattices.RandomConnected(10, 5, 1, [0]));
    }

    [Fact]
    public void BadPotentiometerSettings_NameTheSetting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CoupledLearningIris.Run(new CoupledLearningIrisOptions { Potentiometer = new DigitalPotentiometer { Positions = 1 } }));
        Assert.Contains("Positions", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => CoupledLearningIris.Run(new CoupledLearningIrisOptions { Potentiometer = new DigitalPotentiometer { ComparatorOffsetSpread = -1 } }));
        Assert.Contains("ComparatorOffsetSpread", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => CoupledLearningIris.Run(new CoupledLearningIrisOptions { Nodes = 8 }));
        Assert.Contains("Nodes", e.Message, StringComparison.Ordinal);
    }
}
