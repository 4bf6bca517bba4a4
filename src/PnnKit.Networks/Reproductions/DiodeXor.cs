using PnnKit.Core.Random;

namespace PnnKit.Networks.Reproductions;

/// <summary>What the diode-network XOR reproduction measured.</summary>
/// <param name="CorrectBefore">Truth-table rows right at initialisation (of 4).</param>
/// <param name="CorrectAfter">Truth-table rows right after training (of 4).</param>
/// <param name="LossBefore">Mean cross-entropy at initialisation.</param>
/// <param name="LossAfter">Mean cross-entropy after training.</param>
/// <param name="Margins">Per row (x₁, x₂): V(true output) − V(false output) after training, in volts.</param>
/// <param name="Steps">Full-batch in-situ training steps.</param>
/// <param name="Equilibria">Equilibria solved (forward Newton solves and linear adjoint solves).</param>
public sealed record DiodeXorResult(int CorrectBefore, int CorrectAfter, double LossBefore, double LossAfter, IReadOnlyList<(int X1, int X2, double Margin)> Margins, int Steps, long Equilibria);

/// <summary>
/// A nonlinear resistor network learning XOR, which no linear resistor network can (its outputs are
/// affine in the inputs). Four diodes (Shockley model, 1N4148 parameters) form an OR node and an AND
/// node from the two logic inputs; twelve trained resistors mix them into two outputs, and the class
/// is the higher output voltage. Training is in-situ backpropagation through the diodes' small-signal
/// conductances: a forward Newton solve and one linear adjoint solve per example.
/// </summary>
public static class DiodeXor
{
    /// <summary>Logic-high source voltage, V (PnnKit's choice: several diode drops above ground).</summary>
    public const double High = 3.0;

    /// <summary>Readout gain from output voltage to logit, 1/V (PnnKit's choice: a 0.2 V difference gives odds e¹).</summary>
    public const double Gain = 5.0;

    /// <summary>Source nodes: x₁, x₂ and a +3 V bias.</summary>
    public static readonly IReadOnlyList<int> Sources = [1, 2, 3];

    /// <summary>Output nodes: class 0 (XOR false), class 1 (XOR true).</summary>
    public static readonly IReadOnlyList<int> Outputs = [7, 6];

    /// <summary>Trained conductance range 1e-5–1e-2 S, i.e. 100 Ω – 100 kΩ (PnnKit's choice: a digital-potentiometer-like range).</summary>
    public static readonly BoundedWeight Bounds = new(1e-5, 1e-2);

    /// <summary>
    /// Ground 0; sources x₁ (1), x₂ (2), bias (3); an OR node 4 fed by diodes 1→4, 2→4; an AND node 5
    /// draining through diodes 5→1, 5→2; outputs 6 and 7. Resistors (trained): 4–0, 5–3, each of
    /// {4, 5, 0, 3} to each output, and leaks 1–0, 2–0 that keep the resistor graph connected.
    /// </summary>
    public static ResistorNetwork Network()
    {
        Edge[] resistors = [new(4, 0), new(5, 3), new(4, 6), new(5, 6), new(0, 6), new(3, 6), new(4, 7), new(5, 7), new(0, 7), new(3, 7), new(1, 0), new(2, 0)];
        Diode[] diodes = [new(1, 4), new(2, 4), new(5, 1), new(5, 2)];
        return new ResistorNetwork(new NetworkGraph(8, resistors, [0]), diodes);
    }

    /// <summary>The truth table as source voltages (x₁, x₂, bias) and labels.</summary>
    public static IReadOnlyList<(double[] Volts, int Label)> TruthTable { get; } =
        [([0, 0, High], 0), ([High, 0, High], 1), ([0, High, High], 1), ([High, High, High], 0)];

    /// <summary>Two-class cross-entropy on logits Gain·V(output) and its derivative with respect to every node voltage.</summary>
    public static (double Loss, double[] DLossDV) CrossEntropy(double[] v, int label)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (label is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(label), $"label must be 0 or 1, got {label}.");
        }
        double z0 = Gain * v[Outputs[0]], z1 = Gain * v[Outputs[1]];
        double m = Math.Max(z0, z1);
        double s = Math.Exp(z0 - m) + Math.Exp(z1 - m);
        double p1 = Math.Exp(z1 - m) / s;
        double loss = m + Math.Log(s) - (label == 1 ? z1 : z0);
        var d = new double[v.Length];
        d[Outputs[1]] = Gain * (p1 - (label == 1 ? 1 : 0));
        d[Outputs[0]] = -d[Outputs[1]];
        return (loss, d);
    }

    /// <summary>Seed of the initial design used by the reproduction.</summary>
    public const ulong DefaultSeed = 51;

    /// <summary>Trains from a random design by full-batch Adam on the unconstrained conductance parameters.</summary>
    public static DiodeXorResult Run(ulong seed = DefaultSeed, int steps = 300, double learningRate = 0.05)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"steps must be at least 1, got {steps}.");
        }
        var net = Network();
        var rng = new Rng(seed);
        var theta = Enumerable.Range(0, net.Graph.EdgeCount).Select(_ => rng.Normal(0, 0.5)).ToArray();
        var m = new double[theta.Length];
        var s2 = new double[theta.Length];
        long equilibria = 0;
        (double Loss, int Correct, double[] Grad, double[] Margins) Evaluate()
        {
            var g = theta.Select(Bounds.Value).ToArray();
            var grad = new double[g.Length];
            var margins = new double[TruthTable.Count];
            double loss = 0;
            int correct = 0;
            for (int r = 0; r < TruthTable.Count; r++)
            {
                var (x, y) = TruthTable[r];
                var v = net.Solve(g, Sources, x);
                var (l, dl) = CrossEntropy(v, y);
                loss += l / TruthTable.Count;
                margins[r] = (v[Outputs[1]] - v[Outputs[0]]) * (y == 1 ? 1 : -1);
                correct += margins[r] > 0 ? 1 : 0;
                var gj = net.InSituGradient(g, Sources, v, dl);
                equilibria += 2;
                for (int j = 0; j < grad.Length; j++)
                {
                    grad[j] += gj[j] * Bounds.Derivative(theta[j]) / TruthTable.Count;
                }
            }
            return (loss, correct, grad, margins);
        }
        var first = Evaluate();
        var current = first;
        for (int step = 1; step <= steps; step++)
        {
            // Adam (Kingma & Ba 2015, β₁ = 0.9, β₂ = 0.999) on θ.
            double b1 = 1 - Math.Pow(0.9, step), b2 = 1 - Math.Pow(0.999, step);
            for (int j = 0; j < theta.Length; j++)
            {
                m[j] = (0.9 * m[j]) + (0.1 * current.Grad[j]);
                s2[j] = (0.999 * s2[j]) + (0.001 * current.Grad[j] * current.Grad[j]);
                theta[j] -= learningRate * (m[j] / b1) / (Math.Sqrt(s2[j] / b2) + 1e-12);
            }
            current = Evaluate();
        }
        var rows = TruthTable.Select((t, r) => ((int)(t.Volts[0] / High), (int)(t.Volts[1] / High), current.Margins[r])).ToList();
        return new DiodeXorResult(first.Correct, current.Correct, first.Loss, current.Loss, rows, steps, equilibria);
    }
}
