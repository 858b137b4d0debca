namespace ReasoningServer.Protocol;

/// <summary>Extension: how a <c>test_time</c> request reached its one choice.</summary>
internal sealed class TestTimeResultDto
{
    public required string Strategy { get; init; }

    public required int SamplesRequested { get; init; }

    /// <summary>Samples that started generating; fewer than requested when early stopping cancelled queued ones.</summary>
    public required int SamplesRun { get; init; }

    /// <summary>Normalised answer → votes, most votes first (JSON keeps the order).</summary>
    public required Dictionary<string, int> Votes { get; init; }

    /// <summary>The winner's share of the samples whose answer extracted.</summary>
    public required double Agreement { get; init; }

    /// <summary>The chosen answer (normalised); null when no sample's answer extracted.</summary>
    public string? Winner { get; init; }

    /// <summary>The sample returned as the choice.</summary>
    public required int WinnerIndex { get; init; }

    public required bool EarlyStopped { get; init; }

    public required List<TestTimeSampleDto> Samples { get; init; }
}
