//! Metadata of HEIF images (AVIF): EXIF and XMP are items of the file,
//! named in its `meta` box (`iinf`) and located by byte ranges (`iloc`).
//! Moving boxes around would mean rewriting every offset, so the items'
//! bytes are blanked in place instead: the file keeps its layout, decoders
//! find the image where it was, and no GPS position or other metadata
//! survives.

use std::io::{self, Read, Seek, SeekFrom, Write};

use super::strip::StripError;

const FORMAT: &str = "AVIF";
/// Largest `meta` box read (it names items and ranges; the pixels are
/// elsewhere). Real files keep it to a few kilobytes.
const MAX_META: u64 = 1024 * 1024;
/// Most items one file may declare.
const MAX_ITEMS: usize = 10_000;

fn malformed() -> StripError {
    StripError::Malformed(FORMAT)
}

/// Copies `input` to `output` with the bytes of its EXIF and XMP items
/// replaced by zeros.
pub(crate) fn strip(mut input: impl Read + Seek, mut output: impl Write) -> Result<(), StripError> {
    let size = input.seek(SeekFrom::End(0))?;
    let (meta_start, meta) = find_meta(&mut input, size)?;
    let blanks = match meta {
        Some(meta) => metadata_ranges(&meta, meta_start)?,
        None => Vec::new(),
    };
    input.seek(SeekFrom::Start(0))?;
    let mut position = 0u64;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = input.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        let chunk = &mut buffer[..read];
        let end = position + read as u64;
        for (start, length) in &blanks {
            let (from, to) = (
                (*start).max(position),
                start.saturating_add(*length).min(end),
            );
            if from < to {
                // Within this chunk by the bounds above.
                #[allow(clippy::cast_possible_truncation)]
                chunk[(from - position) as usize..(to - position) as usize].fill(0);
            }
        }
        output.write_all(chunk)?;
        position = end;
    }
    Ok(())
}

/// The top-level `meta` box: where its payload starts in the file, and the
/// payload. Files without one have no items to blank.
fn find_meta(
    input: &mut (impl Read + Seek),
    size: u64,
) -> Result<(u64, Option<Vec<u8>>), StripError> {
    let mut at = 0u64;
    let mut first = true;
    while at + 8 <= size {
        input.seek(SeekFrom::Start(at))?;
        let (kind, header, length) = box_header(input, size - at)?;
        if first && &kind != b"ftyp" {
            return Err(malformed());
        }
        first = false;
        if &kind == b"meta" {
            let payload = length - header;
            if payload > MAX_META {
                return Err(malformed());
            }
            // Within MAX_META.
            #[allow(clippy::cast_possible_truncation)]
            let mut meta = vec![0u8; payload as usize];
            input.read_exact(&mut meta).map_err(eof)?;
            return Ok((at + header, Some(meta)));
        }
        at += length;
    }
    Ok((0, None))
}

/// A box header read from `input`: type, header length and whole length
/// (`room` bytes are left in the parent).
pub(crate) fn box_header(
    input: &mut impl Read,
    room: u64,
) -> Result<([u8; 4], u64, u64), StripError> {
    let mut head = [0u8; 8];
    input.read_exact(&mut head).map_err(eof)?;
    let kind = [head[4], head[5], head[6], head[7]];
    let (header, length) = match u32::from_be_bytes([head[0], head[1], head[2], head[3]]) {
        0 => (8, room),
        1 => {
            let mut large = [0u8; 8];
            input.read_exact(&mut large).map_err(eof)?;
            (16, u64::from_be_bytes(large))
        }
        n => (8, u64::from(n)),
    };
    if length < header || length > room {
        return Err(malformed());
    }
    Ok((kind, header, length))
}

fn eof(err: io::Error) -> StripError {
    match err.kind() {
        io::ErrorKind::UnexpectedEof => malformed(),
        _ => StripError::Io(err),
    }
}

/// A child box: its type, where its payload starts in the parent's
/// bytes, and the payload.
type Child<'a> = ([u8; 4], usize, &'a [u8]);

/// A cursor over a box's bytes.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], StripError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.data.len())
            .ok_or_else(malformed)?;
        let out = &self.data[self.at..end];
        self.at = end;
        Ok(out)
    }

    /// A big-endian unsigned number of `n` bytes (0, 2, 4 or 8).
    fn uint(&mut self, n: usize) -> Result<u64, StripError> {
        Ok(self
            .take(n)?
            .iter()
            .fold(0u64, |v, b| (v << 8) | u64::from(*b)))
    }

    /// The child boxes: type, where the payload starts in `data`, payload.
    fn boxes(mut self) -> Result<Vec<Child<'a>>, StripError> {
        let mut out = Vec::new();
        while self.at < self.data.len() {
            let room = (self.data.len() - self.at) as u64;
            let mut reader = &self.data[self.at..];
            let (kind, header, length) = box_header(&mut reader, room)?;
            // Bounded by `room`, a slice length.
            #[allow(clippy::cast_possible_truncation)]
            let (header, length) = (header as usize, length as usize);
            out.push((
                kind,
                self.at + header,
                &self.data[self.at + header..self.at + length],
            ));
            self.at += length;
            if out.len() > MAX_ITEMS {
                return Err(malformed());
            }
        }
        Ok(out)
    }
}

/// File ranges (start, length) holding the EXIF and XMP items named in
/// `meta` (whose payload starts at `meta_start` in the file).
fn metadata_ranges(meta: &[u8], meta_start: u64) -> Result<Vec<(u64, u64)>, StripError> {
    // `meta` is a full box: version and flags first.
    let children = Bytes { data: meta, at: 4 }.boxes()?;
    let find = |kind: &[u8; 4]| children.iter().find(|(k, _, _)| k == kind);
    let Some(&(_, _, iinf)) = find(b"iinf") else {
        return Ok(Vec::new());
    };
    let metadata_items = metadata_items(iinf)?;
    if metadata_items.is_empty() {
        return Ok(Vec::new());
    }
    let &(_, _, iloc) = find(b"iloc").ok_or_else(malformed)?;
    // Where `idat`'s payload sits in the file, for items stored there.
    let idat_start = find(b"idat").map(|(_, at, _)| meta_start + *at as u64);
    let mut ranges = Vec::new();
    let mut r = Bytes { data: iloc, at: 0 };
    let version = r.uint(1)?;
    r.take(3)?;
    let sizes = r.take(1)?[0];
    let (offset_size, length_size) = (usize::from(sizes >> 4), usize::from(sizes & 0xF));
    let sizes = r.take(1)?[0];
    let base_offset_size = usize::from(sizes >> 4);
    let index_size = if version >= 1 {
        usize::from(sizes & 0xF)
    } else {
        0
    };
    for n in [offset_size, length_size, base_offset_size, index_size] {
        if ![0, 4, 8].contains(&n) {
            return Err(malformed());
        }
    }
    let count = r.uint(if version < 2 { 2 } else { 4 })?;
    for _ in 0..count {
        let id = r.uint(if version < 2 { 2 } else { 4 })?;
        let method = if version >= 1 { r.uint(2)? & 0xF } else { 0 };
        r.take(2)?; // data_reference_index
        let base = r.uint(base_offset_size)?;
        let extents = r.uint(2)?;
        for _ in 0..extents {
            r.take(index_size)?;
            let offset = r.uint(offset_size)?;
            let length = r.uint(length_size)?;
            if !metadata_items.contains(&id) {
                continue;
            }
            let start = match method {
                0 => base.checked_add(offset),
                1 => idat_start
                    .ok_or_else(malformed)?
                    .checked_add(base)
                    .and_then(|s| s.checked_add(offset)),
                // Items built from other items hold no bytes of their own.
                _ => continue,
            }
            .ok_or_else(malformed)?;
            // A length of 0 means "to the end of the file".
            ranges.push((
                start,
                if length == 0 {
                    u64::MAX - start
                } else {
                    length
                },
            ));
        }
    }
    Ok(ranges)
}

/// Ids of the `Exif` items and of `mime` items holding XMP.
fn metadata_items(iinf: &[u8]) -> Result<Vec<u64>, StripError> {
    let mut r = Bytes { data: iinf, at: 0 };
    let version = r.uint(1)?;
    r.take(3)?;
    r.take(if version == 0 { 2 } else { 4 })?; // entry count
    let mut ids = Vec::new();
    for (kind, _, infe) in (Bytes {
        data: iinf,
        at: r.at,
    })
    .boxes()?
    {
        if &kind != b"infe" {
            continue;
        }
        let mut e = Bytes { data: infe, at: 0 };
        let version = e.uint(1)?;
        e.take(3)?;
        if version < 2 {
            continue;
        }
        let id = e.uint(if version == 2 { 2 } else { 4 })?;
        e.take(2)?; // protection index
        let item_type = e.take(4)?;
        let metadata = match item_type {
            b"Exif" => true,
            b"mime" => {
                // item_name (NUL-terminated), then content_type.
                let rest = &infe[e.at..];
                let mut parts = rest.split(|b| *b == 0);
                parts.next();
                let content_type = parts.next().unwrap_or_default();
                let content_type = String::from_utf8_lossy(content_type).to_ascii_lowercase();
                content_type.contains("xmp") || content_type.contains("rdf")
            }
            _ => false,
        };
        if metadata {
            ids.push(id);
        }
    }
    Ok(ids)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A box of `kind` holding `payload`.
    pub(crate) fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(payload.len() + 8)
            .unwrap_or(0)
            .to_be_bytes()
            .to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(payload);
        out
    }

    fn infe(id: u16, kind: &[u8; 4], extra: &[u8]) -> Vec<u8> {
        let mut payload = vec![2, 0, 0, 0];
        payload.extend_from_slice(&id.to_be_bytes());
        payload.extend_from_slice(&[0, 0]);
        payload.extend_from_slice(kind);
        payload.extend_from_slice(extra);
        boxed(b"infe", &payload)
    }

    /// An AVIF-shaped file: an image item, an EXIF item with a GPS text
    /// and an XMP item, their bytes in `mdat` at the offsets `iloc` gives.
    pub(crate) fn tagged_avif() -> Vec<u8> {
        let ftyp = boxed(b"ftyp", b"avif\0\0\0\0avifmif1miaf");
        let pixels = b"AV1 PIXELS".to_vec();
        let exif = b"\0\0\0\0MM\0\x2A GPSLatitude 48.85 N".to_vec();
        let xmp = b"<x:xmpmeta>creator</x:xmpmeta>".to_vec();
        let build = |mdat_at: u32| {
            let mut iinf = vec![0, 0, 0, 0, 0, 3];
            iinf.extend(infe(1, b"av01", b"\0"));
            iinf.extend(infe(2, b"Exif", b"\0"));
            iinf.extend(infe(3, b"mime", b"\0application/rdf+xml\0"));
            // iloc v0: offset and length 4 bytes, no base offset.
            let mut iloc = vec![0, 0, 0, 0, 0x44, 0x00, 0, 3];
            let mut at = mdat_at + 8;
            for (id, bytes) in [(1u16, &pixels), (2, &exif), (3, &xmp)] {
                iloc.extend_from_slice(&id.to_be_bytes());
                iloc.extend_from_slice(&[0, 0, 0, 1]);
                iloc.extend_from_slice(&at.to_be_bytes());
                let length = u32::try_from(bytes.len()).unwrap_or(0);
                iloc.extend_from_slice(&length.to_be_bytes());
                at += length;
            }
            let mut meta = vec![0, 0, 0, 0];
            meta.extend(boxed(
                b"hdlr",
                b"\0\0\0\0\0\0\0\0pict\0\0\0\0\0\0\0\0\0\0\0\0\0",
            ));
            meta.extend(boxed(b"iinf", &iinf));
            meta.extend(boxed(b"iloc", &iloc));
            boxed(b"meta", &meta)
        };
        let meta_len = u32::try_from(build(0).len()).unwrap_or(0);
        let mdat_at = u32::try_from(ftyp.len()).unwrap_or(0) + meta_len;
        let mut file = ftyp;
        file.extend(build(mdat_at));
        let mut mdat = pixels.clone();
        mdat.extend(&exif);
        mdat.extend(&xmp);
        file.extend(boxed(b"mdat", &mdat));
        file
    }

    fn stripped(input: &[u8]) -> Result<Vec<u8>, StripError> {
        let mut out = Vec::new();
        strip(io::Cursor::new(input), &mut out)?;
        Ok(out)
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_and_xmp_items_are_blanked_and_the_layout_kept() -> Result<(), StripError> {
        let original = tagged_avif();
        assert!(contains(&original, b"GPSLatitude"));
        let out = stripped(&original)?;
        assert_eq!(out.len(), original.len(), "nothing moves");
        for gone in [&b"GPSLatitude"[..], b"xmpmeta"] {
            assert!(!contains(&out, gone), "{}", String::from_utf8_lossy(gone));
        }
        assert!(contains(&out, b"AV1 PIXELS"), "the image is untouched");
        Ok(())
    }

    #[test]
    fn a_real_encoder_s_avif_passes_through_unchanged() -> Result<(), Box<dyn std::error::Error>> {
        let mut avif = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::avif::AvifEncoder::new_with_speed_quality(&mut avif, 10, 50),
            &[10, 20, 30, 40, 50, 60],
            2,
            1,
            image::ExtendedColorType::Rgb8,
        )?;
        assert_eq!(stripped(&avif)?, avif);
        Ok(())
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let original = tagged_avif();
        for cut in [4, 20, 40, 60, 100] {
            let _ = stripped(&original[..cut.min(original.len())]);
        }
        assert!(stripped(b"not a box at all").is_err());
        let mut lying = original.clone();
        // The meta box claims more than the file holds.
        let meta_at = original.windows(4).position(|w| w == b"meta").unwrap_or(0) - 4;
        lying[meta_at..meta_at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(stripped(&lying).is_err());
    }
}
