namespace Store.Domain.Common;

/// <summary>An expected failure: a rule said no. Kind decides the HTTP status in one place (the web layer).</summary>
public sealed record DomainError(string Code, string Message, ErrorKind Kind = ErrorKind.Invalid)
{
    public static DomainError NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);
    public static DomainError Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
    public static DomainError Invalid(string code, string message) => new(code, message, ErrorKind.Invalid);
}

public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}
