using ReasoningServer.Engine.Gguf;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Engine.Training;

/// <summary>
/// Writes trained weights as the model we ship: llama.cpp's own save keeps F32 and drops the chat template
/// (and stores the training window as the context length), so the tensors are read back from its file and
/// written again under our metadata, matrices as F16.
/// </summary>
public static class TrainedModelExporter
{
    public static void Export(string trainedF32Path, TinyModelSpec spec, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var trained = GgufTensorReader.Open(trainedF32Path);
        var shipped = spec with { MatrixType = GgmlTensorType.F16, ContextLength = TinyReasonerModel.DeclaredContextLength };
        var writer = new GgufWriter();
        TinyModelGenerator.WriteMetadata(writer, shipped);
        TrainableModelGenerator.AddTensors(writer, shipped, name => (row, values) => trained.ReadRow(name, row, values));
        writer.WriteToFile(outputPath);
    }
}
