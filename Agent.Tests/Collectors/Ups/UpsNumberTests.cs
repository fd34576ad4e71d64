using Agent.Collectors.Ups;

namespace Agent.Tests.Collectors.Ups;

public sealed class UpsNumberTests
{
    [Theory]
    [InlineData("229.5 Volts", 229.5)]
    [InlineData("  9.3 Percent Load Capacity", 9.3)]
    [InlineData("000.0", 0.0)]
    [InlineData("007.1 Volts", 7.1)]
    [InlineData("0x05000008", 0.0)]
    [InlineData("-5 C", -5.0)]
    public void TryParseLeading_NumberWithUnit_ReadsTheNumber(string text, double expected)
    {
        var number = UpsNumber.TryParseLeading(text);

        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Volts")]
    [InlineData("-")]
    [InlineData("..")]
    public void TryParseLeading_NoNumber_GivesNull(string? text)
    {
        var number = UpsNumber.TryParseLeading(text);

        Assert.Null(number);
    }

    [Fact]
    public void TryParseLeading_NumberTooLargeForADouble_GivesNull()
    {
        var number = UpsNumber.TryParseLeading(new string('9', 400));

        Assert.Null(number);
    }
}
