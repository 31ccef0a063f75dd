//! The virus-scan hook: when `VELLUM_CLAMD_ADDR` is set, every upload is
//! streamed to ClamAV's daemon (its `INSTREAM` command) before it is
//! stored, and a file clamd flags is refused. A clamd that cannot be
//! reached refuses uploads too: an unscanned file never becomes visible.

use std::io::{Seek, SeekFrom};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Bytes per `INSTREAM` chunk.
const CHUNK: usize = 64 * 1024;
/// Longest a scan may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(120);
/// Longest reply read (a verdict line is short).
const MAX_REPLY: u64 = 4096;

/// Where clamd listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClamdAddr {
    /// `host:port`.
    Tcp(String),
    /// `unix:/path/to/clamd.sock`.
    Unix(std::path::PathBuf),
}

impl ClamdAddr {
    /// `unix:/run/clamav/clamd.ctl` or `host:port`.
    pub fn parse(raw: &str) -> Option<Self> {
        if let Some(path) = raw.strip_prefix("unix:") {
            return (!path.is_empty()).then(|| Self::Unix(path.into()));
        }
        let (host, port) = raw.rsplit_once(':')?;
        (!host.is_empty() && port.parse::<u16>().is_ok()).then(|| Self::Tcp(raw.to_string()))
    }
}

/// What clamd said of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    Clean,
    /// The signature it matched.
    Infected(String),
}

/// Why a file could not be scanned.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ScanError {
    #[error("clamd: {0}")]
    Io(#[from] std::io::Error),
    #[error("clamd did not answer within {0:?}")]
    Timeout(Duration),
    #[error("clamd answered {0:?}")]
    Refused(String),
}

/// Scans `file` (from its start) with the clamd at `addr`.
pub(crate) async fn scan(addr: &ClamdAddr, file: &std::fs::File) -> Result<Verdict, ScanError> {
    let file = file.try_clone()?;
    let scanning = async {
        match addr {
            ClamdAddr::Tcp(at) => instream(tokio::net::TcpStream::connect(at).await?, file).await,
            ClamdAddr::Unix(path) => {
                instream(tokio::net::UnixStream::connect(path).await?, file).await
            }
        }
    };
    tokio::time::timeout(TIMEOUT, scanning)
        .await
        .map_err(|_| ScanError::Timeout(TIMEOUT))?
}

/// `zINSTREAM`: the file in length-prefixed chunks, a zero length to end,
/// then one NUL-terminated reply such as `stream: OK`.
async fn instream<S>(mut socket: S, mut file: std::fs::File) -> Result<Verdict, ScanError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    socket.write_all(b"zINSTREAM\0").await?;
    file.seek(SeekFrom::Start(0))?;
    let mut file = tokio::fs::File::from_std(file);
    let mut buffer = vec![0u8; CHUNK];
    loop {
        let read = file.read(&mut buffer).await?;
        let length = u32::try_from(read).unwrap_or(u32::MAX);
        socket.write_all(&length.to_be_bytes()).await?;
        if read == 0 {
            break;
        }
        socket.write_all(&buffer[..read]).await?;
    }
    socket.flush().await?;
    let mut reply = Vec::new();
    socket.take(MAX_REPLY).read_to_end(&mut reply).await?;
    let reply = String::from_utf8_lossy(&reply)
        .trim_end_matches(['\0', '\n'])
        .to_string();
    verdict(&reply)
}

fn verdict(reply: &str) -> Result<Verdict, ScanError> {
    let body = reply.strip_prefix("stream:").map(str::trim);
    match body {
        Some("OK") => Ok(Verdict::Clean),
        Some(found) if found.ends_with(" FOUND") => Ok(Verdict::Infected(
            found.trim_end_matches(" FOUND").to_string(),
        )),
        _ => Err(ScanError::Refused(reply.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_replies_are_read() {
        assert_eq!(
            ClamdAddr::parse("127.0.0.1:3310"),
            Some(ClamdAddr::Tcp("127.0.0.1:3310".into()))
        );
        assert_eq!(
            ClamdAddr::parse("unix:/run/clamav/clamd.ctl"),
            Some(ClamdAddr::Unix("/run/clamav/clamd.ctl".into()))
        );
        for bad in ["", "clamd", "host:port", ":3310", "unix:"] {
            assert_eq!(ClamdAddr::parse(bad), None, "{bad}");
        }
        assert_eq!(verdict("stream: OK").ok(), Some(Verdict::Clean));
        assert_eq!(
            verdict("stream: Eicar-Test-Signature FOUND").ok(),
            Some(Verdict::Infected("Eicar-Test-Signature".into()))
        );
        assert!(verdict("INSTREAM size limit exceeded. ERROR").is_err());
    }
}
