//! AWS failures, classified into what the user can do about them.

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// What kind of failure it was; decides the wording and whether to back off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Throttled,
    AccessDenied,
    NotFound,
    ExpiredCredentials,
    NoCredentials,
    Unreachable,
    Timeout,
    /// Refused before sending: the session is read-only.
    ReadOnly,
    Other,
}

/// A failed AWS call, converted at the boundary so panes never see SDK errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct AwsError {
    pub kind: ErrorKind,
    /// The API that failed, e.g. `ecs:ListServices`.
    pub operation: String,
    pub message: String,
}

impl AwsError {
    pub fn new(kind: ErrorKind, operation: &str, message: impl Into<String>) -> Self {
        AwsError {
            kind,
            operation: operation.to_string(),
            message: message.into(),
        }
    }

    /// Throttling and network trouble pass; the view retries with back-off.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Throttled | ErrorKind::Unreachable | ErrorKind::Timeout
        )
    }

    /// One line for the footer or a view's error panel.
    pub fn summary(&self) -> String {
        let what = match self.kind {
            ErrorKind::Throttled => "throttled by AWS, backing off",
            ErrorKind::AccessDenied => "access denied",
            ErrorKind::NotFound => "not found",
            ErrorKind::ExpiredCredentials => "credentials expired",
            ErrorKind::NoCredentials => "no credentials",
            ErrorKind::Unreachable => "endpoint unreachable",
            ErrorKind::Timeout => "request timed out",
            ErrorKind::ReadOnly => "refused",
            ErrorKind::Other => "failed",
        };
        format!("{}: {} — {}", self.operation, what, self.message)
    }
}

/// Classify an SDK error by its AWS error code first, then by transport failure.
pub fn classify<E, R>(operation: &str, err: &SdkError<E, R>) -> AwsError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let code = err.code().unwrap_or_default();
    let aws_message = err.message().unwrap_or_default().to_string();
    let detail = crate::sanitize::one_line(&chain(err));
    let kind = match err {
        SdkError::TimeoutError(_) => ErrorKind::Timeout,
        SdkError::DispatchFailure(d) if d.is_timeout() => ErrorKind::Timeout,
        SdkError::DispatchFailure(d) if d.is_io() => ErrorKind::Unreachable,
        SdkError::DispatchFailure(_) if mentions_credentials(&detail) => ErrorKind::NoCredentials,
        SdkError::DispatchFailure(_) => ErrorKind::Unreachable,
        _ => kind_of_code(code),
    };
    let message = if !aws_message.is_empty() {
        crate::sanitize::one_line(&aws_message)
    } else if !code.is_empty() {
        code.to_string()
    } else {
        detail
    };
    AwsError::new(kind, operation, message)
}

/// Map an AWS error code (as sent by ECS, STS, CloudWatch…) to a kind.
pub fn kind_of_code(code: &str) -> ErrorKind {
    match code {
        "ThrottlingException"
        | "Throttling"
        | "TooManyRequestsException"
        | "RequestLimitExceeded"
        | "RequestThrottled"
        | "SlowDown" => ErrorKind::Throttled,
        "AccessDeniedException"
        | "AccessDenied"
        | "UnauthorizedOperation"
        | "UnauthorizedException" => ErrorKind::AccessDenied,
        "ExpiredTokenException"
        | "ExpiredToken"
        | "InvalidClientTokenId"
        | "UnrecognizedClientException"
        | "RequestExpired" => ErrorKind::ExpiredCredentials,
        c if c.ends_with("NotFoundException") || c == "ResourceNotFound" => ErrorKind::NotFound,
        _ => ErrorKind::Other,
    }
}

/// An error and its causes, by their Display only: Debug forms carry whole HTTP
/// responses, which belong neither on screen nor in the log.
pub fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p == &text) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

fn mentions_credentials(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("credential") || t.contains("identity")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_classified() {
        assert_eq!(kind_of_code("ThrottlingException"), ErrorKind::Throttled);
        assert_eq!(
            kind_of_code("AccessDeniedException"),
            ErrorKind::AccessDenied
        );
        assert_eq!(
            kind_of_code("ClusterNotFoundException"),
            ErrorKind::NotFound
        );
        assert_eq!(
            kind_of_code("ExpiredTokenException"),
            ErrorKind::ExpiredCredentials
        );
        assert_eq!(kind_of_code("InvalidParameterException"), ErrorKind::Other);
    }

    #[test]
    fn only_throttling_and_network_are_transient() {
        let e = |k| AwsError::new(k, "ecs:ListServices", "x");
        assert!(e(ErrorKind::Throttled).is_transient());
        assert!(e(ErrorKind::Unreachable).is_transient());
        assert!(!e(ErrorKind::AccessDenied).is_transient());
        assert!(!e(ErrorKind::NotFound).is_transient());
    }
}
