namespace PnnKit.Dynamics;

/// <summary>
/// The auxiliary-field perfectly matched layer of Grote &amp; Sim (arXiv:1001.0319, 2010) for the 2D scalar wave equation in the
/// background medium of speed c_b: u_tt + (ζx + ζy) u_t + ζx ζy u = c²∇²u + c_b² ∇·ψ + f, with ψ_t = −diag(ζx, ζy) ψ +
/// diag(ζy − ζx, ζx − ζy) ∇u. Unlike a damping layer (σ alone), the interface reflects nothing in the continuum for any angle
/// and frequency; what reflects is the discretisation and the layer's end. ζ(d) = ζ_max (d / w)², d the depth into a layer
/// of w cells, ζ_max = 3 c_b ln(1/R) / (2 w h) for a normal-incidence reflection R of the continuous layer (the usual profile
/// choice, Collino &amp; Tsogka, Geophysics 66, 294 (2001)). Discretisation: ψx on the edges (x + ½, y), ψy on (x, y + ½), half a
/// step apart from u; ψ^{n+½} = α ψ^{n−½} + β̃ D̃uⁿ (α = (1 − Δtζ/2)/(1 + Δtζ/2), β̃ = Δt(ζ' − ζ)/((1 + Δtζ/2) h), D̃ the edge
/// difference), and u's update takes c_b²Δt²/h · D̃ᵀ-divergence of the mean of ψ^{n∓½}. The state of a field buffer is u (cells)
/// followed by ψx (ny (nx − 1) edges) and ψy ((ny − 1) nx edges).
/// </summary>
public sealed class PerfectlyMatchedLayer
{
    private readonly double[] _zx, _zy;
    private readonly double[] _alphaX, _betaX, _alphaY, _betaY;
    private readonly double _e;

    /// <summary>A layer of <paramref name="width"/> cells on every side of an nx × ny grid of spacing h, stepped by dt.</summary>
    public PerfectlyMatchedLayer(int nx, int ny, double h, double dt, int width, double backgroundSpeed, double reflection = 1e-3)
    {
        if (nx < 2 || ny < 2 || width < 1 || 2 * width >= Math.Min(nx, ny))
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"PML width must be ≥ 1 cell and leave an interior in the {nx}×{ny} grid (2·width < {Math.Min(nx, ny)}), got {width}.");
        }
        if (!(reflection > 0 && reflection < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(reflection), $"PML reflection coefficient must be in (0, 1), got {reflection}.");
        }
        if (!(backgroundSpeed > 0) || !(h > 0) || !(dt > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(backgroundSpeed), $"Background speed, h and dt must be > 0, got {backgroundSpeed}, {h}, {dt}.");
        }
        (Nx, Ny, Width) = (nx, ny, width);
        ZetaMax = 3 * backgroundSpeed * Math.Log(1 / reflection) / (2 * width * h);
        double Zeta(double position, int n)
        {
            double d = Math.Max(width - position, position - (n - 1 - width));
            return d > 0 ? ZetaMax * Math.Pow(d / width, 2) : 0;
        }
        _zx = [.. Enumerable.Range(0, nx).Select(x => Zeta(x, nx))];
        _zy = [.. Enumerable.Range(0, ny).Select(y => Zeta(y, ny))];
        _alphaX = new double[ny * (nx - 1)];
        _betaX = new double[_alphaX.Length];
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx - 1; x++)
            {
                (_alphaX[(y * (nx - 1)) + x], _betaX[(y * (nx - 1)) + x]) = Coefficients(Zeta(x + 0.5, nx), _zy[y], dt, h);
            }
        }
        _alphaY = new double[(ny - 1) * nx];
        _betaY = new double[_alphaY.Length];
        for (int y = 0; y < ny - 1; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                (_alphaY[(y * nx) + x], _betaY[(y * nx) + x]) = Coefficients(Zeta(y + 0.5, ny), _zx[x], dt, h);
            }
        }
        _e = backgroundSpeed * backgroundSpeed * dt * dt / h;
        Dt = dt;
    }

    private static (double Alpha, double Beta) Coefficients(double zeta, double other, double dt, double h)
    {
        double d = 1 + (dt * zeta / 2);
        return ((1 - (dt * zeta / 2)) / d, dt * (other - zeta) / (d * h));
    }

    /// <summary>Cells along x.</summary>
    public int Nx { get; }

    /// <summary>Cells along y.</summary>
    public int Ny { get; }

    /// <summary>Layer width, cells.</summary>
    public int Width { get; }

    /// <summary>Peak ζ, 1/time.</summary>
    public double ZetaMax { get; }

    private double Dt { get; }

    /// <summary>Auxiliary values ψ per field buffer: ny (nx − 1) + (ny − 1) nx edges.</summary>
    public int AuxiliaryLength => _alphaX.Length + _alphaY.Length;

    /// <summary>The damping σ = ζx + ζy of every cell, what the leapfrog update centres like a damping layer's.</summary>
    public double[] Damping()
    {
        var s = new double[Nx * Ny];
        for (int y = 0; y < Ny; y++)
        {
            for (int x = 0; x < Nx; x++)
            {
                s[(y * Nx) + x] = _zx[x] + _zy[y];
            }
        }
        return s;
    }

    /// <summary>
    /// The layer's part of a step: ψ^{n+½} into <paramref name="next"/>'s auxiliary part from <paramref name="current"/>'s
    /// (u^n, ψ^{n−½}), then next's u += a (c_b²Δt²/h · div ψ̄ − Δt² ζxζy uⁿ), a = 1/(1 + σΔt/2) per cell.
    /// </summary>
    internal void Step(ReadOnlySpan<double> current, Span<double> next, ReadOnlySpan<double> a)
    {
        int nx = Nx, ny = Ny, cells = nx * ny, ox = cells, oy = cells + _alphaX.Length;
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx - 1; x++)
            {
                int e = (y * (nx - 1)) + x, i = (y * nx) + x;
                next[ox + e] = (_alphaX[e] * current[ox + e]) + (_betaX[e] * (current[i + 1] - current[i]));
            }
        }
        for (int y = 0; y < ny - 1; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                int e = (y * nx) + x, i = (y * nx) + x;
                next[oy + e] = (_alphaY[e] * current[oy + e]) + (_betaY[e] * (current[i + nx] - current[i]));
            }
        }
        double dt2 = Dt * Dt;
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                int i = (y * nx) + x;
                double div = 0;
                if (x < nx - 1)
                {
                    int e = ox + (y * (nx - 1)) + x;
                    div += 0.5 * (current[e] + next[e]);
                }
                if (x > 0)
                {
                    int e = ox + (y * (nx - 1)) + x - 1;
                    div -= 0.5 * (current[e] + next[e]);
                }
                if (y < ny - 1)
                {
                    int e = oy + (y * nx) + x;
                    div += 0.5 * (current[e] + next[e]);
                }
                if (y > 0)
                {
                    int e = oy + ((y - 1) * nx) + x;
                    div -= 0.5 * (current[e] + next[e]);
                }
                next[i] += a[i] * ((_e * div) - (dt2 * _zx[x] * _zy[y] * current[i]));
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Step"/>: with μ = a λ^{n+1} (<paramref name="mu"/>) and φ = ∂J/∂ψ^{n+½} (<paramref name="phi"/>),
    /// adds to <paramref name="lambda"/> (∂J/∂uⁿ) the layer's terms div(β̃/2 · D̃(c_b²Δt²/h μ) − β̃ φ) − Δt² ζxζy μ, then replaces
    /// φ by ∂J/∂ψ^{n−½} = α φ − (1 + α)/2 · D̃(c_b²Δt²/h μ).
    /// </summary>
    internal void Adjoint(ReadOnlySpan<double> mu, Span<double> phi, Span<double> lambda)
    {
        int nx = Nx, ny = Ny, oy = _alphaX.Length;
        double dt2 = Dt * Dt;
        double EdgeX(int x, int y, ReadOnlySpan<double> mu, ReadOnlySpan<double> phi)
        {
            int e = (y * (nx - 1)) + x, i = (y * nx) + x;
            return (_betaX[e] * 0.5 * _e * (mu[i + 1] - mu[i])) - (_betaX[e] * phi[e]);
        }
        double EdgeY(int x, int y, ReadOnlySpan<double> mu, ReadOnlySpan<double> phi)
        {
            int e = (y * nx) + x, i = (y * nx) + x;
            return (_betaY[e] * 0.5 * _e * (mu[i + nx] - mu[i])) - (_betaY[e] * phi[oy + e]);
        }
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                int i = (y * nx) + x;
                double div = (x < nx - 1 ? EdgeX(x, y, mu, phi) : 0) - (x > 0 ? EdgeX(x - 1, y, mu, phi) : 0)
                    + (y < ny - 1 ? EdgeY(x, y, mu, phi) : 0) - (y > 0 ? EdgeY(x, y - 1, mu, phi) : 0);
                lambda[i] += div - (dt2 * _zx[x] * _zy[y] * mu[i]);
            }
        }
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx - 1; x++)
            {
                int e = (y * (nx - 1)) + x, i = (y * nx) + x;
                phi[e] = (_alphaX[e] * phi[e]) - ((1 + _alphaX[e]) / 2 * _e * (mu[i + 1] - mu[i]));
            }
        }
        for (int y = 0; y < ny - 1; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                int e = (y * nx) + x, i = (y * nx) + x;
                phi[oy + e] = (_alphaY[e] * phi[oy + e]) - ((1 + _alphaY[e]) / 2 * _e * (mu[i + nx] - mu[i]));
            }
        }
    }
}
