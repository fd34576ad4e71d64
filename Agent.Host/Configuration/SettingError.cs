using System.Text.RegularExpressions;
using Agent.Host.Security;
using Microsoft.Extensions.Options;

namespace Agent.Host.Configuration;

/// <summary>Turns an options or binding failure into one line that names the setting and its value.</summary>
internal static partial class SettingError
{
    private const string BinderFailurePrefix = "Failed to convert configuration value";

    /// <summary>The one-line message, or <see langword="null"/> when <paramref name="exception"/> is not about a setting.</summary>
    public static string? Describe(Exception exception, IConfiguration configuration)
    {
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        return inner switch
        {
            TlsCertificateException tls => tls.Message,
            OptionsValidationException validation => DescribeValidation(validation, configuration),
            InvalidOperationException { Message: var message } when message.StartsWith(BinderFailurePrefix, StringComparison.Ordinal)
                => $"Invalid setting: {message}",
            InvalidOperationException { InnerException: { } nested } => Describe(nested, configuration),
            _ => null,
        };
    }

    private static string DescribeValidation(OptionsValidationException validation, IConfiguration configuration)
    {
        var section = validation.OptionsType.GetField("SectionName")?.GetValue(null) as string ?? validation.OptionsType.Name;
        var failure = validation.Failures.FirstOrDefault() ?? validation.Message;
        var member = MemberPattern().Match(failure);
        if (!member.Success)
        {
            return $"Invalid setting in {section}: {failure}";
        }

        var key = $"{section}:{member.Groups["member"].Value}";
        var error = member.Groups["error"].Value;
        return $"Invalid setting {key} = '{configuration[key]}': {error}";
    }

    // The source-generated validators word a failure as "Port: The field AgentOptions.Port must be between ...".
    [GeneratedRegex("^(?<member>[A-Za-z0-9_.]+): (?<error>.+)$")]
    private static partial Regex MemberPattern();
}
