namespace ReasoningServer.Engine.Training;

/// <summary>One sum the tiny reasoner is trained and evaluated on; both operands are non-negative.</summary>
public readonly record struct AdditionProblem(long Left, long Right)
{
    public long Sum => Left + Right;

    /// <summary>Digits of the longer operand.</summary>
    public int DigitCount => Math.Max(Left.ToString(System.Globalization.CultureInfo.InvariantCulture).Length,
        Right.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
}
