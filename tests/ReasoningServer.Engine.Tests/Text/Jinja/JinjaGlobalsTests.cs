using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>The globals: strftime_now reads the injectable clock, range, namespace and dict.</summary>
public sealed class JinjaGlobalsTests
{
    [Theory]
    [InlineData("%d %b %Y", "26 Jul 2024")]
    [InlineData("%Y-%m-%d %H:%M:%S", "2024-07-26 09:05:03")]
    [InlineData("%A, %B %-d", "Friday, July 26")]
    [InlineData("%I:%M %p on %a", "09:05 AM on Fri")]
    [InlineData("%j %y %% %q", "208 24 % %q")]
    public void Strftime_now_formats_the_clock_like_Python(string format, string expected) =>
        Assert.Equal(expected, JinjaRender.Text($"{{{{ strftime_now('{format}') }}}}"));

    [Fact]
    public void Strftime_now_uses_the_clocks_offset()
    {
        var options = new JinjaRenderOptions { Clock = () => new DateTimeOffset(2025, 1, 31, 23, 30, 0, TimeSpan.FromHours(-5)) };
        Assert.Equal("31 Jan 2025 23:30 -0500", JinjaRender.Text("{{ strftime_now('%d %b %Y %H:%M %z') }}", options: options));
    }

    [Fact]
    public void Host_variables_shadow_globals()
    {
        Assert.Equal("mine", JinjaRender.Text("{{ range }}", "{\"range\": \"mine\"}"));
    }

    [Theory]
    [InlineData("{{ range(0) }}{{ range(2, -2, -1) }}{{ range(0, 5, 2) }}", "[][2, 1, 0, -1][0, 2, 4]")]
    [InlineData("{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}{{ ns.c }}", "12")]
    [InlineData("{{ dict({'a': 1}, b=2) }}", "{\"a\": 1, \"b\": 2}")]
    public void Range_namespace_and_dict(string template, string expected) => Assert.Equal(expected, JinjaRender.Text(template));
}
