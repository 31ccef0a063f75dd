//! How long audio and video play, where the file says so cheaply: the
//! movie header of MP4, QuickTime and M4A files (`moov/mvhd`, found by
//! walking box headers, wherever in the file it sits), and the data size
//! and byte rate of WAV files. Other formats get no duration.

use std::io::{Read, Seek, SeekFrom};

/// Most top-level boxes or chunks walked before giving up.
const MAX_STEPS: usize = 10_000;

/// The duration of `file` (of type `mime`) in milliseconds, when it can be
/// read from headers; `None` for other types and for damaged files.
pub(crate) fn of(mime: &str, file: &mut (impl Read + Seek)) -> Option<i64> {
    let size = file.seek(SeekFrom::End(0)).ok()?;
    file.seek(SeekFrom::Start(0)).ok()?;
    let millis = match mime {
        "video/mp4" | "video/quicktime" | "audio/m4a" => movie(file, size),
        "audio/wav" => wave(file, size),
        _ => None,
    }?;
    i64::try_from(millis).ok()
}

/// `moov/mvhd`: time scale and duration, in version 0 (32-bit) or 1
/// (64-bit) form.
fn movie(file: &mut (impl Read + Seek), size: u64) -> Option<u64> {
    let (moov, moov_end) = child(file, 0, size, b"moov")?;
    let (mvhd, _) = child(file, moov, moov_end, b"mvhd")?;
    file.seek(SeekFrom::Start(mvhd)).ok()?;
    let mut version = [0u8; 4];
    file.read_exact(&mut version).ok()?;
    let (scale, duration) = if version[0] == 1 {
        let mut fields = [0u8; 28];
        file.read_exact(&mut fields).ok()?;
        (
            u64::from(u32::from_be_bytes(fields[16..20].try_into().ok()?)),
            u64::from_be_bytes(fields[20..28].try_into().ok()?),
        )
    } else {
        let mut fields = [0u8; 16];
        file.read_exact(&mut fields).ok()?;
        (
            u64::from(u32::from_be_bytes(fields[8..12].try_into().ok()?)),
            u64::from(u32::from_be_bytes(fields[12..16].try_into().ok()?)),
        )
    };
    // An unknown duration is all ones.
    if scale == 0 || duration == u64::from(u32::MAX) || duration == u64::MAX {
        return None;
    }
    u64::try_from(u128::from(duration) * 1000 / u128::from(scale)).ok()
}

/// The payload start and end of the first `kind` box between `start` and
/// `end`.
fn child(
    file: &mut (impl Read + Seek),
    start: u64,
    end: u64,
    kind: &[u8; 4],
) -> Option<(u64, u64)> {
    let mut at = start;
    for _ in 0..MAX_STEPS {
        if at.checked_add(8)? > end {
            return None;
        }
        file.seek(SeekFrom::Start(at)).ok()?;
        let (found, header, length) = super::heif::box_header(file, end - at).ok()?;
        if &found == kind {
            return Some((at + header, at + length));
        }
        at += length;
    }
    None
}

/// RIFF/WAVE: `fmt ` gives the byte rate, `data` the size.
fn wave(file: &mut (impl Read + Seek), size: u64) -> Option<u64> {
    let mut head = [0u8; 12];
    file.read_exact(&mut head).ok()?;
    if &head[..4] != b"RIFF" || &head[8..] != b"WAVE" {
        return None;
    }
    let (mut rate, mut data) = (None, None);
    let mut at = 12u64;
    for _ in 0..MAX_STEPS {
        if at + 8 > size || (rate.is_some() && data.is_some()) {
            break;
        }
        file.seek(SeekFrom::Start(at)).ok()?;
        let mut chunk = [0u8; 8];
        file.read_exact(&mut chunk).ok()?;
        let length = u64::from(u32::from_le_bytes(chunk[4..].try_into().ok()?));
        match &chunk[..4] {
            b"fmt " => {
                let mut fmt = [0u8; 12];
                file.read_exact(&mut fmt).ok()?;
                rate = Some(u64::from(u32::from_le_bytes(fmt[8..12].try_into().ok()?)));
            }
            // A streamed WAV may say 0 or all ones: the rest of the file.
            b"data" => {
                data = Some(if length == 0 || length == u64::from(u32::MAX) {
                    size - at - 8
                } else {
                    length.min(size - at - 8)
                })
            }
            _ => {}
        }
        at += 8 + length + (length & 1);
    }
    let rate = rate.filter(|r| *r > 0)?;
    Some(data? * 1000 / rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::media::heif::tests::boxed;

    /// An MP4 with its movie header after the media data (not "fast
    /// start"), 90 s at a time scale of 600.
    fn mp4(version: u8) -> Vec<u8> {
        let mut mvhd = vec![version, 0, 0, 0];
        if version == 1 {
            mvhd.extend_from_slice(&[0; 16]);
            mvhd.extend_from_slice(&600u32.to_be_bytes());
            mvhd.extend_from_slice(&54_000u64.to_be_bytes());
        } else {
            mvhd.extend_from_slice(&[0; 8]);
            mvhd.extend_from_slice(&600u32.to_be_bytes());
            mvhd.extend_from_slice(&54_000u32.to_be_bytes());
        }
        mvhd.extend_from_slice(&[0; 80]);
        let mut file = boxed(b"ftyp", b"isom\0\0\0\0isom");
        file.extend(boxed(b"mdat", &[7; 1000]));
        file.extend(boxed(b"moov", &boxed(b"mvhd", &mvhd)));
        file
    }

    fn wav(seconds: u32) -> Vec<u8> {
        let rate = 8000u32;
        let mut fmt = vec![1, 0, 1, 0];
        fmt.extend_from_slice(&rate.to_le_bytes());
        fmt.extend_from_slice(&rate.to_le_bytes());
        fmt.extend_from_slice(&[1, 0, 8, 0]);
        let data = vec![128u8; (rate * seconds) as usize];
        let mut body = b"WAVE".to_vec();
        body.extend_from_slice(b"fmt ");
        body.extend_from_slice(&16u32.to_le_bytes());
        body.extend_from_slice(&fmt);
        body.extend_from_slice(b"data");
        body.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_le_bytes());
        body.extend_from_slice(&data);
        let mut file = b"RIFF".to_vec();
        file.extend_from_slice(&u32::try_from(body.len()).unwrap_or(0).to_le_bytes());
        file.extend_from_slice(&body);
        file
    }

    #[test]
    fn durations_come_from_the_headers() {
        for version in [0, 1] {
            let mut file = std::io::Cursor::new(mp4(version));
            assert_eq!(of("video/mp4", &mut file), Some(90_000), "mvhd v{version}");
        }
        assert_eq!(
            of("audio/wav", &mut std::io::Cursor::new(wav(3))),
            Some(3_000)
        );
        assert_eq!(of("image/png", &mut std::io::Cursor::new(wav(3))), None);
    }

    #[test]
    fn damaged_files_have_no_duration() {
        let whole = mp4(0);
        for cut in [0, 10, 30, whole.len() - 20] {
            let mut file = std::io::Cursor::new(whole[..cut].to_vec());
            assert_eq!(of("video/mp4", &mut file), None, "{cut}");
        }
        let moov = whole.windows(4).position(|w| w == b"moov").unwrap_or(4) - 4;
        let mut lying = whole;
        lying[moov..moov + 4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(of("video/mp4", &mut std::io::Cursor::new(lying)), None);
    }
}
