namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// A test that trains, so it needs our llama.cpp build (native/llama.cpp/build.sh) in the folder named by
/// <see cref="Variable"/>; skipped, saying so, without it. The prebuilt libraries cannot train (see
/// <c>LlamaNativeLibrary.TrainsCorrectly</c>), and building takes minutes, so only <c>.ci/run</c> pays for it.
/// </summary>
public sealed class TrainingLibraryFactAttribute : FactAttribute
{
    public const string Variable = "REASONINGSERVER_TRAINING_LIB_DIR";

    public TrainingLibraryFactAttribute()
    {
        if (Directory is null)
        {
            Skip = $"Training test: set {Variable} to the folder native/llama.cpp/build.sh prints (.ci/run builds it and sets it).";
        }
    }

    public static string? Directory => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
