namespace ReasoningServer.Engine.Training;

/// <summary>
/// Seeded sums. Held-out problems (both operands of the same digit count) come from one fixed seed, so the
/// trainer can exclude them and every evaluation, in the trainer, the tests and the bench, draws the same ones.
/// </summary>
public sealed class AdditionProblemGenerator
{
    public const int MaxDigits = 8;

    /// <summary>Held-out digit counts; one-digit sums are too few (100) to hold any out.</summary>
    public const int MinHeldOutDigits = 2;

    /// <summary>How many held-out problems per digit count exist (and are excluded from training).</summary>
    public const int HeldOutPerDigitCount = 500;

    private const int HeldOutSeed = 20_260_611;

    private readonly Random _random;

    // A seeded Random uses the legacy algorithm, documented to stay the same across runtimes.
    public AdditionProblemGenerator(int seed) => _random = new Random(seed);

    /// <summary>The first <paramref name="count"/> held-out problems whose operands both have <paramref name="digits"/> digits.</summary>
    public static IReadOnlyList<AdditionProblem> HeldOut(int digits, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MinHeldOutDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, HeldOutPerDigitCount);
        var generator = new AdditionProblemGenerator(HeldOutSeed + digits);
        var problems = new List<AdditionProblem>(count);
        var seen = new HashSet<AdditionProblem>();
        while (problems.Count < count)
        {
            var problem = new AdditionProblem(generator.Number(digits), generator.Number(digits));
            if (seen.Add(problem))
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    /// <summary>Every held-out problem, in both operand orders: what training must never show.</summary>
    public static HashSet<AdditionProblem> AllHeldOut()
    {
        var all = new HashSet<AdditionProblem>();
        for (var digits = MinHeldOutDigits; digits <= MaxDigits; digits++)
        {
            foreach (var problem in HeldOut(digits, HeldOutPerDigitCount))
            {
                all.Add(problem);
                all.Add(new AdditionProblem(problem.Right, problem.Left));
            }
        }

        return all;
    }

    /// <summary>
    /// A training sum: each operand 1 to <see cref="MaxDigits"/> digits; half the time both have the same
    /// length, where long carry chains are most common.
    /// </summary>
    public AdditionProblem NextTrainingProblem(IReadOnlySet<AdditionProblem> excluded)
    {
        while (true)
        {
            var leftDigits = _random.Next(1, MaxDigits + 1);
            var rightDigits = _random.Next(2) == 0 ? leftDigits : _random.Next(1, MaxDigits + 1);
            var problem = new AdditionProblem(Number(leftDigits), Number(rightDigits));
            if (!excluded.Contains(problem))
            {
                return problem;
            }
        }
    }

    /// <summary>True with probability <paramref name="probability"/>, from the same seeded stream.</summary>
    public bool Chance(double probability) => _random.NextDouble() < probability;

    // A number with exactly this many digits (no leading zero; one-digit numbers include 0).
    private long Number(int digits)
    {
        long value = digits == 1 ? _random.Next(10) : _random.Next(1, 10);
        for (var i = 1; i < digits; i++)
        {
            value = (value * 10) + _random.Next(10);
        }

        return value;
    }
}
