namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// Seeded standard-normal numbers (Box-Muller over <see cref="Random"/>). A seeded
/// <see cref="Random"/> uses the legacy, documented-stable algorithm, so files are
/// reproducible across runtimes.
/// </summary>
internal sealed class GaussianRandom(int seed)
{
    private readonly Random random = new(seed);
    private double? spare;

    public float Next()
    {
        if (spare is double cached)
        {
            spare = null;
            return (float)cached;
        }

        // 1 - NextDouble() lies in (0, 1], keeping the logarithm finite.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        spare = radius * Math.Sin(angle);
        return (float)(radius * Math.Cos(angle));
    }
}
