//! Metadata taken out of uploaded images before they are stored: EXIF
//! (GPS position, camera serial numbers, the time a photo was taken), XMP,
//! IPTC and comments. A JPEG keeps its orientation as the only EXIF field,
//! so it still shows the right way up; colour profiles stay.
//!
//! JPEG, PNG and WebP are rewritten as streams: segments and chunks are
//! copied one at a time, so a large image is never held in memory. AVIF's
//! metadata items are blanked in place ([`super::heif`]).

use std::io::{self, Read, Seek, SeekFrom, Write};

/// JPEG markers.
const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP1: u8 = 0xE1;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;
const APP15: u8 = 0xEF;
const COM: u8 = 0xFE;

/// The PNG signature.
const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
/// PNG chunks that carry metadata: EXIF and text (which cameras and
/// editors fill with XMP, locations, authors...).
const PNG_METADATA: &[&[u8; 4]] = &[b"eXIf", b"tEXt", b"zTXt", b"iTXt"];
/// WebP (RIFF) chunks that carry metadata, and their flags in `VP8X`.
const WEBP_METADATA: &[&[u8; 4]] = &[b"EXIF", b"XMP "];
const VP8X_EXIF_AND_XMP: u8 = 0x08 | 0x04;

/// Why an image could not be rewritten.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StripError {
    /// The file does not follow its format.
    #[error("the {0} is damaged or truncated")]
    Malformed(&'static str),
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Whether files of this type are rewritten.
pub(crate) fn applies_to(mime: &str) -> bool {
    matches!(
        mime,
        "image/jpeg" | "image/png" | "image/webp" | "image/avif" | "image/gif"
    )
}

/// Copies `input`, an image of type `mime`, to `output` without its
/// metadata; returns the EXIF orientation it kept (2 to 8), if any.
pub(crate) fn strip(
    mime: &str,
    input: impl Read + Seek,
    output: impl Write,
) -> Result<Option<u16>, StripError> {
    match mime {
        "image/jpeg" => jpeg(input, output),
        "image/png" => png(input, output).map(|()| None),
        "image/webp" => webp(input, output).map(|()| None),
        "image/avif" => super::heif::strip(input, output).map(|()| None),
        "image/gif" => gif(input, output).map(|()| None),
        _ => Err(StripError::Malformed("image")),
    }
}

fn jpeg(mut input: impl Read, mut output: impl Write) -> Result<Option<u16>, StripError> {
    let malformed = || StripError::Malformed("JPEG");
    let mut kept = None;
    let mut head = [0u8; 2];
    read_exact(&mut input, &mut head, "JPEG")?;
    if head != [0xFF, SOI] {
        return Err(malformed());
    }
    output.write_all(&head)?;
    loop {
        let mut byte = [0u8; 1];
        read_exact(&mut input, &mut byte, "JPEG")?;
        if byte[0] != 0xFF {
            return Err(malformed());
        }
        // Any number of 0xFF fill bytes may come before a marker.
        let mut marker = 0xFF;
        while marker == 0xFF {
            read_exact(&mut input, &mut byte, "JPEG")?;
            marker = byte[0];
        }
        match marker {
            // The image data: everything from here on is copied as it is.
            SOS | EOI => {
                output.write_all(&[0xFF, marker])?;
                io::copy(&mut input, &mut output)?;
                return Ok(kept);
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                output.write_all(&[0xFF, marker])?;
                continue;
            }
            0x00 => return Err(malformed()),
            _ => {}
        }
        let mut length = [0u8; 2];
        read_exact(&mut input, &mut length, "JPEG")?;
        let length = usize::from(u16::from_be_bytes(length));
        if length < 2 {
            return Err(malformed());
        }
        let mut payload = vec![0u8; length - 2];
        read_exact(&mut input, &mut payload, "JPEG")?;
        match marker {
            APP1 if payload.starts_with(b"Exif\0\0") => {
                if let Some(orientation) =
                    exif_orientation(&payload[6..]).filter(|o| (2..=8).contains(o))
                {
                    output.write_all(&orientation_only(orientation))?;
                    kept = Some(orientation);
                }
            }
            // JFIF, ICC colour profiles and Adobe's colour transform change
            // how the image looks; every other application segment (XMP,
            // IPTC, maker data) and comments are metadata.
            APP0 | APP14 => write_segment(&mut output, marker, &payload)?,
            APP2 if payload.starts_with(b"ICC_PROFILE\0") => {
                write_segment(&mut output, marker, &payload)?;
            }
            APP0..=APP15 | COM => {}
            _ => write_segment(&mut output, marker, &payload)?,
        }
    }
}

fn write_segment(output: &mut impl Write, marker: u8, payload: &[u8]) -> io::Result<()> {
    // The payload was read with a u16 length, so this cannot overflow.
    let length = u16::try_from(payload.len() + 2).unwrap_or(u16::MAX);
    output.write_all(&[0xFF, marker])?;
    output.write_all(&length.to_be_bytes())?;
    output.write_all(payload)
}

/// The Orientation (0x0112) of IFD0 of an EXIF block (the TIFF structure
/// after `Exif\0\0`), when it can be read.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big_endian = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let bytes: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big_endian {
            u16::from_be_bytes(bytes)
        } else {
            u16::from_le_bytes(bytes)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let bytes: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big_endian {
            u32::from_be_bytes(bytes)
        } else {
            u32::from_le_bytes(bytes)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(ifd)?);
    (0..entries)
        .map(|i| ifd + 2 + i * 12)
        .find(|entry| u16_at(*entry) == Some(0x0112) && u16_at(entry + 2) == Some(3))
        .and_then(|entry| u16_at(entry + 8))
}

/// An APP1 segment whose EXIF holds nothing but `orientation`.
fn orientation_only(orientation: u16) -> Vec<u8> {
    let mut segment = vec![0xFF, APP1, 0x00, 0x22];
    segment.extend_from_slice(b"Exif\0\0");
    // TIFF header, big-endian, IFD0 right after it.
    segment.extend_from_slice(b"MM\x00\x2A\x00\x00\x00\x08");
    // One entry: Orientation, SHORT, count 1, the value (padded).
    segment.extend_from_slice(&[0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]);
    segment.extend_from_slice(&orientation.to_be_bytes());
    segment.extend_from_slice(&[0x00, 0x00]);
    // No next IFD.
    segment.extend_from_slice(&[0x00, 0x00, 0x00, 0x00]);
    segment
}

fn png(mut input: impl Read, mut output: impl Write) -> Result<(), StripError> {
    let mut signature = [0u8; 8];
    read_exact(&mut input, &mut signature, "PNG")?;
    if &signature != PNG_SIGNATURE {
        return Err(StripError::Malformed("PNG"));
    }
    output.write_all(&signature)?;
    loop {
        let mut header = [0u8; 8];
        match input.read(&mut header[..1])? {
            // The file may end only between chunks, after IEND.
            0 => return Ok(()),
            _ => read_exact(&mut input, &mut header[1..], "PNG")?,
        }
        let length = u64::from(u32::from_be_bytes([
            header[0], header[1], header[2], header[3],
        ]));
        let kind: [u8; 4] = [header[4], header[5], header[6], header[7]];
        // Data and CRC.
        let rest = length + 4;
        let mut chunk = (&mut input).take(rest);
        if PNG_METADATA.contains(&&kind) {
            let skipped = io::copy(&mut chunk, &mut io::sink())?;
            if skipped != rest {
                return Err(StripError::Malformed("PNG"));
            }
        } else {
            output.write_all(&header)?;
            let copied = io::copy(&mut chunk, &mut output)?;
            if copied != rest {
                return Err(StripError::Malformed("PNG"));
            }
        }
        if &kind == b"IEND" {
            return Ok(());
        }
    }
}

/// A WebP without its `EXIF` and `XMP ` chunks (and their `VP8X` flags).
/// RIFF states the file's size first, so a first pass over the chunk
/// headers measures what is kept; the second copies it.
fn webp(mut input: impl Read + Seek, mut output: impl Write) -> Result<(), StripError> {
    const FORMAT: &str = "WebP";
    let mut header = [0u8; 12];
    read_exact(&mut input, &mut header, FORMAT)?;
    if &header[..4] != b"RIFF" || &header[8..] != b"WEBP" {
        return Err(StripError::Malformed(FORMAT));
    }
    let declared = u64::from(u32::from_le_bytes([
        header[4], header[5], header[6], header[7],
    ]));
    // Seeking past the end is no error: the file must hold what it says.
    let actual = input.seek(SeekFrom::End(0))?;
    if actual < 8 + declared {
        return Err(StripError::Malformed(FORMAT));
    }
    input.seek(SeekFrom::Start(12))?;
    // Chunks as (fourcc, payload length), in order.
    let mut chunks = Vec::new();
    let mut seen = 4u64;
    while seen < declared {
        let mut head = [0u8; 8];
        match input.read(&mut head[..1])? {
            0 => break,
            _ => read_exact(&mut input, &mut head[1..], FORMAT)?,
        }
        let kind: [u8; 4] = [head[0], head[1], head[2], head[3]];
        let length = u64::from(u32::from_le_bytes([head[4], head[5], head[6], head[7]]));
        let padded = length + (length & 1);
        input.seek(SeekFrom::Current(
            i64::try_from(padded).map_err(|_| StripError::Malformed(FORMAT))?,
        ))?;
        seen += 8 + padded;
        chunks.push((kind, length));
        if chunks.len() > 10_000 {
            return Err(StripError::Malformed(FORMAT));
        }
    }
    if seen != declared {
        return Err(StripError::Malformed(FORMAT));
    }
    let kept: u64 = chunks
        .iter()
        .filter(|(kind, _)| !WEBP_METADATA.contains(&kind))
        .map(|(_, length)| 8 + length + (length & 1))
        .sum();
    let size = u32::try_from(4 + kept).map_err(|_| StripError::Malformed(FORMAT))?;
    output.write_all(b"RIFF")?;
    output.write_all(&size.to_le_bytes())?;
    output.write_all(b"WEBP")?;
    input.seek(SeekFrom::Start(12))?;
    for (kind, length) in chunks {
        let mut head = [0u8; 8];
        read_exact(&mut input, &mut head, FORMAT)?;
        let padded = length + (length & 1);
        if WEBP_METADATA.contains(&&kind) {
            input.seek(SeekFrom::Current(
                i64::try_from(padded).map_err(|_| StripError::Malformed(FORMAT))?,
            ))?;
            continue;
        }
        output.write_all(&head)?;
        let mut payload = (&mut input).take(padded);
        if &kind == b"VP8X" {
            let mut flags = [0u8; 1];
            read_exact(&mut payload, &mut flags, FORMAT)?;
            output.write_all(&[flags[0] & !VP8X_EXIF_AND_XMP])?;
        }
        let copied = io::copy(&mut payload, &mut output)?;
        let expected = if &kind == b"VP8X" { padded - 1 } else { padded };
        if copied != expected {
            return Err(StripError::Malformed(FORMAT));
        }
    }
    Ok(())
}

/// GIF application extensions that change how the image shows (looping,
/// colour profile); every other one (XMP's among them) is metadata.
const GIF_KEPT_APPLICATIONS: &[&[u8; 8]] = &[b"NETSCAPE", b"ANIMEXTS", b"ICCRGBG1"];

/// A GIF without comments and metadata application extensions.
fn gif(mut input: impl Read, mut output: impl Write) -> Result<(), StripError> {
    const FORMAT: &str = "GIF";
    let mut head = [0u8; 13];
    read_exact(&mut input, &mut head, FORMAT)?;
    if &head[..6] != b"GIF87a" && &head[..6] != b"GIF89a" {
        return Err(StripError::Malformed(FORMAT));
    }
    output.write_all(&head)?;
    copy_colour_table(&mut input, &mut output, head[10])?;
    loop {
        let mut kind = [0u8; 1];
        read_exact(&mut input, &mut kind, FORMAT)?;
        match kind[0] {
            0x3B => {
                output.write_all(&kind)?;
                return Ok(());
            }
            0x2C => {
                let mut descriptor = [0u8; 9];
                read_exact(&mut input, &mut descriptor, FORMAT)?;
                output.write_all(&kind)?;
                output.write_all(&descriptor)?;
                copy_colour_table(&mut input, &mut output, descriptor[8])?;
                let mut code_size = [0u8; 1];
                read_exact(&mut input, &mut code_size, FORMAT)?;
                output.write_all(&code_size)?;
                sub_blocks(&mut input, Some(&mut output))?;
            }
            0x21 => {
                let mut label = [0u8; 1];
                read_exact(&mut input, &mut label, FORMAT)?;
                let mut first = [0u8; 1];
                read_exact(&mut input, &mut first, FORMAT)?;
                let mut block = vec![0u8; usize::from(first[0])];
                read_exact(&mut input, &mut block, FORMAT)?;
                let keep = match label[0] {
                    0xFE => false,
                    0xFF => GIF_KEPT_APPLICATIONS
                        .iter()
                        .any(|app| block.starts_with(*app)),
                    _ => true,
                };
                if keep {
                    output.write_all(&[0x21, label[0], first[0]])?;
                    output.write_all(&block)?;
                }
                // A first block of length 0 was the terminator already.
                if first[0] != 0 {
                    sub_blocks(&mut input, keep.then_some(&mut output))?;
                }
            }
            _ => return Err(StripError::Malformed(FORMAT)),
        }
    }
}

/// A colour table, when `packed` (a descriptor's flags) says one follows.
fn copy_colour_table(
    input: &mut impl Read,
    output: &mut impl Write,
    packed: u8,
) -> Result<(), StripError> {
    if packed & 0x80 == 0 {
        return Ok(());
    }
    let mut table = vec![0u8; 3 << ((packed & 0x07) + 1)];
    read_exact(input, &mut table, "GIF")?;
    output.write_all(&table)?;
    Ok(())
}

/// Data sub-blocks up to and with the empty one that ends them: copied to
/// `output`, or skipped when there is none.
fn sub_blocks(
    input: &mut impl Read,
    mut output: Option<&mut impl Write>,
) -> Result<(), StripError> {
    let mut block = [0u8; 256];
    loop {
        read_exact(input, &mut block[..1], "GIF")?;
        let length = usize::from(block[0]);
        read_exact(input, &mut block[1..=length], "GIF")?;
        if let Some(out) = output.as_mut() {
            out.write_all(&block[..=length])?;
        }
        if length == 0 {
            return Ok(());
        }
    }
}

fn read_exact(
    input: &mut impl Read,
    buffer: &mut [u8],
    format: &'static str,
) -> Result<(), StripError> {
    input.read_exact(buffer).map_err(|err| match err.kind() {
        io::ErrorKind::UnexpectedEof => StripError::Malformed(format),
        _ => StripError::Io(err),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A JPEG as a phone writes one: JFIF, EXIF with an orientation and a
    /// GPS position, XMP, a comment, an ICC profile, a frame header, then
    /// the scan. Not decodable, but every segment is well formed.
    pub(crate) fn phone_jpeg() -> Vec<u8> {
        let mut exif = b"Exif\0\0MM\x00\x2A\x00\x00\x00\x08".to_vec();
        // IFD0: Orientation = 6, GPSInfo -> IFD at 38.
        exif.extend_from_slice(&[0x00, 0x02]);
        exif.extend_from_slice(&[
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
        ]);
        exif.extend_from_slice(&[
            0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26,
        ]);
        exif.extend_from_slice(&[0x00, 0x00, 0x00, 0x00]);
        // GPS IFD: GPSLatitudeRef = "N".
        exif.extend_from_slice(&[0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02]);
        exif.extend_from_slice(b"N\0\0\0");
        exif.extend_from_slice(b"\x00\x00\x00\x00GPS 51.5007N 0.1246W");
        let mut jpeg = vec![0xFF, SOI];
        let mut segment = |marker: u8, payload: &[u8]| {
            jpeg.extend_from_slice(&[0xFF, marker]);
            jpeg.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap_or(0).to_be_bytes());
            jpeg.extend_from_slice(payload);
        };
        segment(APP0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        segment(APP1, &exif);
        segment(
            APP1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude 51.5</x:xmpmeta>",
        );
        segment(COM, b"taken at home");
        segment(APP2, b"ICC_PROFILE\0\x01\x01profile");
        // SOF0: 8-bit, 2 x 3 pixels, one component.
        segment(
            0xC0,
            &[0x08, 0x00, 0x02, 0x00, 0x03, 0x01, 0x01, 0x11, 0x00],
        );
        jpeg.extend_from_slice(&[0xFF, SOS, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        jpeg.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]);
        jpeg
    }

    fn stripped(mime: &str, input: &[u8]) -> Result<Vec<u8>, StripError> {
        let mut output = Vec::new();
        strip(mime, io::Cursor::new(input), &mut output)?;
        Ok(output)
    }

    /// A WebP with an extended header, an image chunk, EXIF (with a GPS
    /// tag) and XMP, as editors write them.
    pub(crate) fn tagged_webp() -> Result<Vec<u8>, image::ImageError> {
        let mut plain = Vec::new();
        image::codecs::webp::WebPEncoder::new_lossless(&mut plain).encode(
            &[200, 10, 10, 255, 10, 200, 10, 255],
            2,
            1,
            image::ExtendedColorType::Rgba8,
        )?;
        let chunk = |kind: &[u8; 4], payload: &[u8]| {
            let mut c = kind.to_vec();
            c.extend_from_slice(&u32::try_from(payload.len()).unwrap_or(0).to_le_bytes());
            c.extend_from_slice(payload);
            if payload.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        // VP8X: flags (EXIF, XMP, alpha), 3 reserved bytes, width-1 and
        // height-1 in 24 bits each.
        let vp8x = chunk(b"VP8X", &[0x08 | 0x04 | 0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
        let mut body = b"WEBP".to_vec();
        body.extend_from_slice(&vp8x);
        body.extend_from_slice(&plain[12..]);
        body.extend_from_slice(&chunk(b"EXIF", b"MM\x00* GPSLatitude 48.85 N"));
        body.extend_from_slice(&chunk(b"XMP ", b"<x:xmpmeta>creator</x:xmpmeta>"));
        let mut webp = b"RIFF".to_vec();
        webp.extend_from_slice(&u32::try_from(body.len()).unwrap_or(0).to_le_bytes());
        webp.extend_from_slice(&body);
        Ok(webp)
    }

    #[test]
    fn a_gif_loses_comments_and_xmp_and_keeps_looping() -> Result<(), Box<dyn std::error::Error>> {
        let mut plain = Vec::new();
        {
            let mut encoder = image::codecs::gif::GifEncoder::new(&mut plain);
            encoder.set_repeat(image::codecs::gif::Repeat::Infinite)?;
            encoder.encode(
                &[255, 0, 0, 255, 0, 0, 255, 255],
                2,
                1,
                image::ExtendedColorType::Rgba8,
            )?;
        }
        // Before the trailer: a comment and an XMP application extension.
        let mut tagged = plain[..plain.len() - 1].to_vec();
        tagged.extend_from_slice(b"\x21\xFE\x0Ftaken at home!!\x00");
        tagged.extend_from_slice(b"\x21\xFF\x0BXMP DataXMP\x08<x:xmp/>\x00\x3B");
        let out = stripped("image/gif", &tagged)?;
        for gone in [&b"taken at home"[..], b"XMP Data", b"<x:xmp/>"] {
            assert!(
                !contains(&out, gone),
                "{:?} survived",
                String::from_utf8_lossy(gone)
            );
        }
        assert!(contains(&out, b"NETSCAPE2.0"), "looping is kept");
        assert_eq!(out, plain, "exactly the image without them");
        assert!(matches!(
            stripped("image/gif", &tagged[..tagged.len() - 5]),
            Err(StripError::Malformed(_))
        ));
        Ok(())
    }

    #[test]
    fn a_webp_loses_its_exif_and_xmp_and_still_decodes() -> Result<(), Box<dyn std::error::Error>> {
        let original = tagged_webp()?;
        // The test image itself decodes, metadata and all.
        image::load_from_memory(&original)?;
        let out = stripped("image/webp", &original)?;
        for gone in [&b"GPSLatitude"[..], b"xmpmeta", b"EXIF", b"XMP "] {
            assert!(
                !contains(&out, gone),
                "{:?} survived",
                String::from_utf8_lossy(gone)
            );
        }
        let size = u32::from_le_bytes([out[4], out[5], out[6], out[7]]) as usize;
        assert_eq!(size + 8, out.len(), "the RIFF size is the new one");
        assert_eq!(
            out[20] & VP8X_EXIF_AND_XMP,
            0,
            "the flags no longer promise them"
        );
        let back = image::load_from_memory(&out)?;
        assert_eq!((back.width(), back.height()), (2, 1));
        for damaged in [&original[..20], &original[..original.len() - 3]] {
            assert!(matches!(
                stripped("image/webp", damaged),
                Err(StripError::Malformed(_))
            ));
        }
        Ok(())
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_jpeg_loses_gps_xmp_and_comments_and_keeps_its_orientation() -> Result<(), StripError> {
        let original = phone_jpeg();
        let out = stripped("image/jpeg", &original)?;
        let gone: [&[u8]; 4] = [b"GPS", b"xmpmeta", b"taken at home", &[0x88, 0x25]];
        for gone in gone {
            assert!(
                !contains(&out, gone),
                "{:?} survived",
                String::from_utf8_lossy(gone)
            );
        }
        assert!(contains(&out, &orientation_only(6)), "orientation kept");
        assert!(contains(&out, b"ICC_PROFILE"), "colour profile kept");
        assert!(contains(&out, b"JFIF"));
        let scan = original
            .windows(2)
            .position(|w| w == [0xFF, SOS])
            .unwrap_or_default();
        assert!(
            out.ends_with(&original[scan..]),
            "the scan is copied as it is"
        );
        assert_eq!(
            crate::media::sniff::dimensions("image/jpeg", &out),
            Some((3, 2)),
            "still a JPEG with its size"
        );
        Ok(())
    }

    #[test]
    fn a_png_loses_its_text_and_exif_chunks() -> Result<(), StripError> {
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            let mut c = u32::try_from(data.len())
                .unwrap_or(0)
                .to_be_bytes()
                .to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]));
        png.extend(chunk(b"tEXt", b"Location\0Home"));
        png.extend(chunk(b"eXIf", b"MM\x00\x2Agps"));
        png.extend(chunk(b"IDAT", b"pixels"));
        png.extend(chunk(b"IEND", b""));
        let out = stripped("image/png", &png)?;
        assert!(!contains(&out, b"Home") && !contains(&out, b"eXIf"));
        assert!(contains(&out, b"IDATpixels") && out.ends_with(&chunk(b"IEND", b"")));
        Ok(())
    }

    #[test]
    fn damaged_images_are_errors_not_panics() {
        let jpeg = phone_jpeg();
        for cut in [1, 3, 5, 20, 60] {
            assert!(matches!(
                stripped("image/jpeg", &jpeg[..cut]),
                Err(StripError::Malformed("JPEG"))
            ));
        }
        assert!(stripped("image/jpeg", b"\xFF\xD8\xFF\xE1\x00\x01").is_err());
        assert!(stripped("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\x10IHDR").is_err());
        assert!(stripped("image/png", b"not a png").is_err());
        // A lying EXIF offset reads nothing.
        assert_eq!(exif_orientation(b"MM\x00\x2A\xFF\xFF\xFF\xFF"), None);
        assert_eq!(exif_orientation(b"II"), None);
    }
}
