namespace Agent.Tests.Collectors.Ups;

/// <summary>How <see cref="FakeUpsServer"/> answers.</summary>
public enum FakeUpsBehaviour
{
    /// <summary>A whole, valid reply.</summary>
    Answer,

    /// <summary>Accepts the request and never answers.</summary>
    Silent,

    /// <summary>Sends half of the reply and closes the connection.</summary>
    CutMidReply,

    /// <summary>Answers in another protocol (HTTP).</summary>
    Garbage,
}
