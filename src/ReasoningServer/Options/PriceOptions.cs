using System.ComponentModel.DataAnnotations;

namespace ReasoningServer.Options;

/// <summary>One model's prices per one million tokens. Unset cached input = input price; unset reasoning = output price.</summary>
internal sealed class PriceOptions
{
    [Range(typeof(decimal), "0", "1000000")]
    public decimal Input { get; set; }

    [Range(typeof(decimal), "0", "1000000")]
    public decimal? CachedInput { get; set; }

    [Range(typeof(decimal), "0", "1000000")]
    public decimal Output { get; set; }

    [Range(typeof(decimal), "0", "1000000")]
    public decimal? ReasoningOutput { get; set; }
}
