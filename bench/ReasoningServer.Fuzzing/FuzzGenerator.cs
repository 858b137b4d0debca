using System.Text;
using System.Text.Json.Nodes;

namespace ReasoningServer.Fuzzing;

/// <summary>
/// Bad requests from a seed: case <c>i</c> comes from its own <see cref="Random"/> seeded with (seed, i), so any
/// case can be regenerated alone and two runs with one seed send the same bytes.
/// </summary>
public sealed class FuzzGenerator(int seed, string model, string apiKey, string storedResponseId)
{
    private readonly IReadOnlyList<FuzzEndpoint> _endpoints = FuzzEndpoints.All(model, storedResponseId);

    public int Seed => seed;

    public IEnumerable<FuzzCase> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Case(i);
        }
    }

    public FuzzCase Case(int id)
    {
        var random = new Random(unchecked((seed * 1_000_003) + id));
        var endpoint = PickEndpoint(random);
        var kind = new List<string> { endpoint.Family };
        var envelope = new FuzzEnvelope
        {
            Method = endpoint.Method,
            Target = endpoint.Path,
            Authorization = $"Bearer {apiKey}",
            ContentType = endpoint.HasBody ? "application/json" : null,
        };

        var body = endpoint.HasBody ? Body(endpoint, random, kind) : GetBody(random, kind);
        if (!endpoint.HasBody && random.Next(3) == 0) kind.Add(MutateQuery(envelope, random));
        for (var n = random.Next(3) == 0 ? random.Next(1, 3) : 0; n > 0; n--) kind.Add(MutateEnvelope(envelope, random, endpoint));
        var request = HttpRequestWriter.Write(envelope, body, random);
        return new FuzzCase(id, string.Join('/', kind), envelope.Method, envelope.Target, request, envelope.Delivery, envelope.HeaderLevel);
    }

    private FuzzEndpoint PickEndpoint(Random random)
    {
        var roll = random.Next(100);
        var family = roll switch { < 35 => "chat", < 55 => "responses", < 68 => "completions", _ => null };
        var candidates = family is null ? _endpoints.Where(e => !e.HasBody).ToList() : _endpoints.Where(e => e.Family == family).ToList();
        return candidates[random.Next(candidates.Count)];
    }

    private static byte[] Body(FuzzEndpoint endpoint, Random random, List<string> kind)
    {
        var body = endpoint.Seeds[random.Next(endpoint.Seeds.Count)].DeepClone().AsObject();
        var raw = new RawJson();
        var mutator = new JsonMutator(random, raw);
        var mutations = random.Next(10) == 0 ? 0 : random.Next(1, 4);
        for (var i = 0; i < mutations; i++) kind.Add(mutator.Apply(body));
        if (mutations == 0) kind.Add("valid");
        var bytes = Encoding.UTF8.GetBytes(raw.Render(body));
        if (random.Next(100) < 30)
        {
            var (name, mutated) = new ByteMutator(random).Apply(bytes);
            kind.Add(name);
            return mutated;
        }

        return bytes;
    }

    /// <summary>GET routes mostly get none; a few get a body they must ignore or refuse.</summary>
    private static byte[] GetBody(Random random, List<string> kind)
    {
        if (random.Next(8) != 0) return [];
        kind.Add("get-body");
        return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "{\"a\":1}" : "\u0000\u00ff garbage");
    }

    private static string MutateQuery(FuzzEnvelope envelope, Random random)
    {
        var path = envelope.Target.Split('?')[0];
        string[] names = ["limit", "order", "after", "start_time", "end_time", "bucket_width", "group_by", "page", "models", "api_key_ids", "stream", "include"];
        string[] values =
        [
            "-1", "0", "101", "2147483648", "NaN", "1e9", "", "%00", "%ff%fe", "%", "asc", "desc", "1m", "1h", "1d", "7d", "true",
            "model,api_key_id", "x", new string('9', 400), "%E2%82", "0x10", "9223372036854775808",
        ];
        var query = string.Join('&', Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"{names[random.Next(names.Length)]}={values[random.Next(values.Length)]}"));
        if (path.StartsWith("/v1/organization", StringComparison.Ordinal) && random.Next(2) == 0) query = "start_time=0&" + query;
        envelope.Target = $"{path}?{query}";
        return "query";
    }

    private static string MutateEnvelope(FuzzEnvelope envelope, Random random, FuzzEndpoint endpoint)
    {
        switch (random.Next(11))
        {
            case 0:
                envelope.Authorization = Pick(random, new[] { null, "Bearer", "Bearer ", "Bearer sk-wrong", "bearer sk-wrong", "Basic Zm9vOmJhcg==",
                    "Bearer " + new string('k', 9000), "Bearer sk-\u00ff\u00fe", "Token x", "Bearer a b c" });
                // Kestrel refuses header values outside ASCII itself.
                envelope.HeaderLevel |= envelope.Authorization?.Any(c => c > '\u007f') == true;
                return "auth";
            case 1:
                envelope.ContentType = Pick(random, FuzzValues.ContentTypes.Append(null).ToArray());
                return "content-type";
            case 2:
                envelope.Method = Pick(random, new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "get" });
                return "method";
            case 3:
                envelope.Target = Pick(random, new[]
                {
                    endpoint.Path + "/", "/" + endpoint.Path, endpoint.Path.ToUpperInvariant(), endpoint.Path.Replace("/", "%2F", StringComparison.Ordinal),
                    "/v1/../" + endpoint.Path.TrimStart('/'), "/v1/" + new string('a', 8000), "/v1/responses/" + Uri.EscapeDataString("\u0000../x"),
                    "/v1/models/%00", "/v1/models/" + new string('x', 3000), "/v2/chat/completions", "/v1", "/v1/", "/assets/../appsettings.json",
                    "/assets/%2e%2e/%2e%2e/appsettings.json", "/ui", "/metrics/x", "/health", endpoint.Path + "?" + new string('&', 2000),
                });
                // Past Kestrel's 8 KB request line: refused before the application, bodyless.
                // and a target that does not start with '/' or decodes to NUL is not a valid request line.
                envelope.HeaderLevel |= envelope.Target.Length > 8000 || !envelope.Target.StartsWith('/') || envelope.Target.Contains("%00", StringComparison.Ordinal);
                return "path";
            case 4:
                envelope.Framing = FuzzFraming.Chunked;
                return "chunked";
            case 5:
                envelope.Framing = FuzzFraming.ChunkedCutOff;
                envelope.Delivery = FuzzDelivery.HalfClose;
                return "chunked-cut-off";
            case 6:
                envelope.Framing = FuzzFraming.ChunkedBadSize;
                return "chunked-bad-size";
            case 7:
                envelope.Framing = Pick(random, new[] { FuzzFraming.ContentLengthLong, FuzzFraming.ContentLengthShort, FuzzFraming.None });
                envelope.Delivery = envelope.Framing == FuzzFraming.ContentLengthLong ? FuzzDelivery.HalfClose : FuzzDelivery.Whole;
                return "length-" + envelope.Framing;
            case 8:
                // Not over a cut-off body's half-close: that body would then stall, which Kestrel answers (408) only once
                // its average rate drops under MinRequestBodyDataRate (240 B/s), minutes later for a large body.
                if (envelope.Delivery == FuzzDelivery.Whole) envelope.Delivery = FuzzDelivery.Trickle;
                return "slow-headers";
            case 9:
                envelope.ExtraHeaders.Add(Pick(random, new[]
                {
                    "Expect: 100-continue", "Accept: text/event-stream", "Accept-Encoding: gzip, br", "Content-Encoding: gzip",
                    "X-Forwarded-For: 1.2.3.4", "Accept-Charset: utf-16", "Origin: http://evil", "Authorization: Bearer sk-second",
                }));
                return "header";
            default:
                envelope.HeaderLevel = true;
                envelope.ExtraHeaders.Add(Pick(random, new[]
                {
                    "Content-Length: 5", "Transfer-Encoding: chunked", "Transfer-Encoding: gzip", "X-Big: " + new string('h', 40_000), "Bad Header: x",
                    "X-Nul: a\u0000b", "X-Latin: \u00ff\u00fe", ": empty-name", "X-No-Colon", "Host: second",
                }));
                if (random.Next(3) == 0) envelope.Version = Pick(random, new[] { "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTPS/1.1", "" });
                return "malformed-header";
        }
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
