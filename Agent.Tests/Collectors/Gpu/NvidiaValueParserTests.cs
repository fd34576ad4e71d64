using Agent.Collectors.Gpu;

namespace Agent.Tests.Collectors.Gpu;

public sealed class NvidiaValueParserTests
{
    [Theory]
    [InlineData("22.78 W", 22.78)]
    [InlineData(" 40 % ", 40.0)]
    [InlineData("-5 C", -5.0)]
    [InlineData("83.92 W", 83.92)]
    [InlineData("56", 56.0)]
    public void Number_ValueWithUnit_ReadsLeadingNumber(string text, double expected)
    {
        Assert.Equal(expected, NvidiaValueParser.Number(text));
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("[N/A]")]
    [InlineData("[Not Supported]")]
    [InlineData("Unknown Error")]
    [InlineData("Requested functionality has been deprecated")]
    [InlineData("[Insufficient Permissions]")]
    [InlineData("")]
    [InlineData(null)]
    public void Number_MissingValue_ReturnsNull(string? text)
    {
        Assert.Null(NvidiaValueParser.Number(text));
    }

    [Theory]
    [InlineData("1128 MiB", null, 1_182_793_728L)]
    [InlineData("8192", "MiB", 8_589_934_592L)]
    [InlineData("2 GiB", null, 2_147_483_648L)]
    [InlineData("512 KiB", null, 524_288L)]
    public void Bytes_SizeWithUnit_ReturnsBytes(string text, string? headerUnit, long expected)
    {
        Assert.Equal(expected, NvidiaValueParser.Bytes(text, headerUnit));
    }

    [Theory]
    [InlineData("[N/A]", "")]
    [InlineData(" NVIDIA GeForce RTX 3080 ", "NVIDIA GeForce RTX 3080")]
    [InlineData("Not Supported", "")]
    public void Text_Value_TrimsAndBlanksMissingWords(string text, string expected)
    {
        Assert.Equal(expected, NvidiaValueParser.Text(text));
    }

    [Theory]
    [InlineData("22.78 W")]
    [InlineData(" [N/A] ")]
    [InlineData("1.2.3 MiB")]
    [InlineData("-5 C")]
    [InlineData("8192 mib")]
    [InlineData("")]
    public void SpanForms_AnyValue_AgreeWithTheStringForms(string text)
    {
        Assert.Equal(NvidiaValueParser.Number(text), NvidiaValueParser.Number(text.AsSpan()));
        Assert.Equal(NvidiaValueParser.Bytes(text), NvidiaValueParser.Bytes(text.AsSpan()));
        Assert.Equal(NvidiaValueParser.Text(text), NvidiaValueParser.Text(text.AsSpan()));
    }

    [Theory]
    [InlineData("8192 mib", 8_589_934_592L)]
    [InlineData("3 Bytes", null)]
    [InlineData("3 B", 3L)]
    public void Bytes_UnitInAnyCase_ReadsKnownUnitsOnly(string text, long? expected)
    {
        Assert.Equal(expected, NvidiaValueParser.Bytes(text));
    }
}
