using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Native;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Engine.Training;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.TinyModels;

/// <summary>The committed, trained tiny reasoner (models/tiny-reasoner-add.gguf) through the engine at temperature 0.</summary>
[Collection(LlamaNativeCollection.Name)]
public sealed class TinyReasonerModelTests : IAsyncLifetime
{
    private LoadedModel? _model;
    private InferenceEngine? _engine;
    private AdditionEvaluator? _evaluator;

    private AdditionEvaluator Evaluator => _evaluator ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        LlamaNativeLibrary.Initialize(null, null);
        var path = TinyReasonerModel.Find(AppContext.BaseDirectory)
            ?? throw new FileNotFoundException($"The shipped model {TinyReasonerModel.Folder}/{TinyReasonerModel.FileName} is missing from the test output.");
        _model = LoadedModel.Load(new ModelLoadOptions(path) { GpuLayers = 0 });
        _engine = new InferenceEngine(_model, new EngineOptions { ContextSize = 2048, Slots = 8, Threads = 1, BatchThreads = 1 }, NullLogger<InferenceEngine>.Instance);
        await _engine.StartAsync();
        _evaluator = new AdditionEvaluator(_engine, ChatTemplate.Create(_model.ChatTemplateSource, ByteLevelBpeVocabulary.ThinkStart));
    }

    public Task DisposeAsync()
    {
        _engine?.Dispose();
        _model?.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(47, 38)]
    [InlineData(905, 96)]
    [InlineData(4821, 9377)]
    [InlineData(48213, 93771)]
    [InlineData(99999, 1)]
    public async Task Thinks_digit_by_digit_closes_its_own_thinking_and_answers_right(long left, long right)
    {
        var problem = new AdditionProblem(left, right);

        var attempt = await Evaluator.SolveAsync(problem, direct: false);

        Assert.True(attempt.ClosedThinking, $"thinking not closed: {attempt.AnswerText}");
        Assert.Equal(AdditionChainOfThought.Thinking(problem), Evaluator.Decode(attempt.Thinking));
        Assert.Equal(problem.Sum, attempt.Answer);
    }

    [Fact]
    public async Task Answering_at_once_is_clearly_worse_on_long_sums_than_thinking()
    {
        var problems = AdditionProblemGenerator.HeldOut(6, 20);

        var thinking = await Evaluator.SolveAllAsync(problems, direct: false);
        var direct = await Evaluator.SolveAllAsync(problems, direct: true);

        var row = AdditionEvaluator.Row(6, thinking, direct);
        Assert.True(row.ThinkingAccuracy >= 0.5, $"thinking {row.ThinkingAccuracy:P0}");
        Assert.True(row.ThinkingAccuracy - row.DirectAccuracy >= 0.3, $"thinking {row.ThinkingAccuracy:P0}, direct {row.DirectAccuracy:P0}");
        Assert.Equal(1.0, row.SelfClosedShare);
    }
}
