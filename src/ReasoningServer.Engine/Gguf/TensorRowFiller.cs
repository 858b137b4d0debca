namespace ReasoningServer.Engine.Gguf;

/// <summary>
/// Produces one row (the innermost dimension) of a tensor. Rows are requested in file order,
/// so a seeded generator stays deterministic while only one row is ever held in memory.
/// </summary>
/// <param name="row">Flattened index over all dimensions but the innermost.</param>
/// <param name="values">Destination, exactly one row long; arrives zeroed.</param>
public delegate void TensorRowFiller(long row, Span<float> values);
