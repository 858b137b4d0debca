using System.Globalization;
using System.Text;

namespace ReasoningServer.Fuzzing;

/// <summary>Writes an envelope and a body as raw HTTP/1.1 bytes, with the framing it asks for.</summary>
public static class HttpRequestWriter
{
    public static byte[] Write(FuzzEnvelope envelope, byte[] body, Random random)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{envelope.Method} {envelope.Target} {envelope.Version}\r\n");
        head.Append("Host: fuzz\r\nConnection: close\r\n");
        if (envelope.Authorization is { } authorization) head.Append(CultureInfo.InvariantCulture, $"Authorization: {authorization}\r\n");
        if (envelope.ContentType is { } contentType) head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        foreach (var line in envelope.ExtraHeaders) head.Append(line).Append("\r\n");

        byte[] payload;
        switch (envelope.Framing)
        {
            case FuzzFraming.ContentLength:
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
                payload = body;
                break;
            case FuzzFraming.ContentLengthShort:
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {random.Next(body.Length + 1)}\r\n");
                payload = body;
                break;
            case FuzzFraming.ContentLengthLong:
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length + random.Next(1, 100_000)}\r\n");
                payload = body;
                break;
            case FuzzFraming.None:
                payload = body;
                break;
            default:
                head.Append("Transfer-Encoding: chunked\r\n");
                payload = Chunked(body, envelope.Framing, random);
                break;
        }

        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. payload];
    }

    private static byte[] Chunked(byte[] body, FuzzFraming framing, Random random)
    {
        using var stream = new MemoryStream();
        var offset = 0;
        var cutAt = framing == FuzzFraming.ChunkedCutOff ? random.Next(body.Length + 1) : -1;
        while (offset < body.Length)
        {
            var size = Math.Min(body.Length - offset, random.Next(1, 64 * 1024));
            var sizeText = framing == FuzzFraming.ChunkedBadSize && random.Next(3) == 0 ? "zz" : size.ToString("x", CultureInfo.InvariantCulture);
            stream.Write(Encoding.ASCII.GetBytes(sizeText + "\r\n"));
            if (cutAt >= offset && cutAt < offset + size)
            {
                stream.Write(body, offset, cutAt - offset); // the connection ends inside this chunk
                return stream.ToArray();
            }

            stream.Write(body, offset, size);
            stream.Write("\r\n"u8);
            offset += size;
        }

        if (framing == FuzzFraming.ChunkedCutOff) return stream.ToArray(); // no last chunk
        stream.Write(framing == FuzzFraming.ChunkedBadSize ? "0;ext=\"\r\n\r\n"u8 : "0\r\n\r\n"u8);
        return stream.ToArray();
    }
}
