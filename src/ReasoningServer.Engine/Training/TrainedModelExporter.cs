using ReasoningServer.Engine.Gguf;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Engine.Training;

/// <summary>
/// Writes trained weights as the model we ship: llama.cpp's own save keeps F32 and drops the chat template
/// (and stores the training window as the context length), so the tensors are read back from its file and
/// written again under our metadata, matrices as F16. The same path turns a shipped F16 file back into F32
/// weights to continue training from.
/// </summary>
public static class TrainedModelExporter
{
    /// <summary>Writes the tensors of <paramref name="trainedPath"/> under our metadata; <paramref name="spec"/> decides storage type and context length.</summary>
    public static void Export(string trainedPath, TinyModelSpec spec, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var trained = GgufTensorReader.Open(trainedPath);
        var writer = new GgufWriter();
        TinyModelGenerator.WriteMetadata(writer, spec);
        TrainableModelGenerator.AddTensors(writer, spec, name => (row, values) => trained.ReadRow(name, row, values));
        writer.WriteToFile(outputPath);
    }

    /// <summary>The shipped form: matrices F16 (or <paramref name="matrixType"/>), the declared context length.</summary>
    public static void ExportShipped(string trainedF32Path, TinyModelSpec spec, string outputPath, GgmlTensorType matrixType = GgmlTensorType.F16)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Export(trainedF32Path, spec with { MatrixType = matrixType, ContextLength = TinyReasonerModel.DeclaredContextLength }, outputPath);
    }
}
