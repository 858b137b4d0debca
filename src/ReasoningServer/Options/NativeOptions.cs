namespace ReasoningServer.Options;

/// <summary>Where the llama.cpp libraries come from (section <c>Native</c>).</summary>
internal sealed class NativeOptions
{
    public const string Section = "Native";

    /// <summary>A folder of user-built libraries (e.g. with CUDA); empty = the cached prebuilt CPU ones.</summary>
    public string? LibraryDirectory { get; set; }
}
