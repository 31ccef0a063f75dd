//! What a transform asks for (`?w=&h=&fit=&format=&q=&dpr=`, or a named
//! size), checked and written one canonical way, and the [`Plan`] it makes
//! for one image: which pixels to crop, how big to make them, in which
//! format. Every bound lives here, so no URL can ask for unbounded work.

use std::collections::HashMap;

use crate::config::MediaSize;

/// Largest side of a made variant, in pixels (after `dpr`).
pub(crate) const MAX_SIDE: u32 = 4096;
/// Quality when none is asked for.
const DEFAULT_QUALITY: u8 = 75;
/// The query parameters a transform is made of.
const PARAMS: [&str; 7] = ["w", "h", "fit", "format", "q", "dpr", "size"];

/// How an image fills the asked box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(name = "MediaFit")]
pub enum Fit {
    /// Fills the box, cropping around the focal point.
    Cover,
    /// Fits inside the box, keeping the whole image.
    Contain,
}

/// The format asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(name = "MediaFormat")]
pub enum Format {
    /// AVIF or WebP when the browser's `Accept` takes them, else JPEG
    /// (PNG for images that may be transparent).
    Auto,
    /// WebP (lossy).
    Webp,
    /// AVIF.
    Avif,
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
}

/// A format a variant is made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    Webp,
    Avif,
    Jpeg,
    Png,
}

impl Output {
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Output::Webp => "image/webp",
            Output::Avif => "image/avif",
            Output::Jpeg => "image/jpeg",
            Output::Png => "image/png",
        }
    }

    pub(crate) fn extension(self) -> &'static str {
        match self {
            Output::Webp => "webp",
            Output::Avif => "avif",
            Output::Jpeg => "jpg",
            Output::Png => "png",
        }
    }
}

/// A transform as asked, bounds checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Transform {
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
    pub(crate) fit: Fit,
    pub(crate) format: Format,
    pub(crate) quality: Option<u8>,
    /// Device pixel ratio in tenths (10 = 1×), so it compares exactly.
    pub(crate) dpr_tenths: u32,
}

impl Default for Transform {
    fn default() -> Self {
        Self {
            width: None,
            height: None,
            fit: Fit::Cover,
            format: Format::Auto,
            quality: None,
            dpr_tenths: 10,
        }
    }
}

/// A transform that cannot be made; the text says why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Invalid(pub(crate) String);

fn invalid(text: impl Into<String>) -> Invalid {
    Invalid(text.into())
}

impl Transform {
    /// A checked transform from its parts.
    pub(crate) fn new(
        width: Option<i64>,
        height: Option<i64>,
        fit: Option<Fit>,
        format: Option<Format>,
        quality: Option<i64>,
        dpr: Option<f64>,
    ) -> Result<Self, Invalid> {
        let side = |value: Option<i64>, name: &str| -> Result<Option<u32>, Invalid> {
            value
                .map(|v| {
                    u32::try_from(v)
                        .ok()
                        .filter(|v| (1..=MAX_SIDE).contains(v))
                        .ok_or_else(|| invalid(format!("{name} must be between 1 and {MAX_SIDE}")))
                })
                .transpose()
        };
        let width = side(width, "width")?;
        let height = side(height, "height")?;
        if width.is_none() && height.is_none() {
            return Err(invalid("give a width, a height or both"));
        }
        let quality = quality
            .map(|q| {
                u8::try_from(q)
                    .ok()
                    .filter(|q| (1..=100).contains(q))
                    .ok_or_else(|| invalid("quality must be between 1 and 100"))
            })
            .transpose()?;
        let dpr_tenths = match dpr {
            None => 10,
            Some(dpr) => {
                let tenths = (dpr * 10.0).round();
                if !(10.0..=40.0).contains(&tenths) || (dpr * 10.0 - tenths).abs() > 1e-6 {
                    return Err(invalid(
                        "dpr must be between 1 and 4, in steps of 0.1 (1, 1.5, 2)",
                    ));
                }
                // Within 10..=40 by the check above.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let tenths = tenths as u32;
                tenths
            }
        };
        let scaled = |side: Option<u32>| side.map_or(0, |s| s * dpr_tenths / 10);
        if scaled(width) > MAX_SIDE || scaled(height) > MAX_SIDE {
            return Err(invalid(format!(
                "width and height times dpr must be at most {MAX_SIDE}"
            )));
        }
        Ok(Self {
            width,
            height,
            fit: fit.unwrap_or(Fit::Cover),
            format: format.unwrap_or(Format::Auto),
            quality,
            dpr_tenths,
        })
    }

    /// The transform a named size stands for.
    pub(crate) fn sized(size: &MediaSize) -> Self {
        Self {
            width: Some(size.width),
            height: size.height,
            fit: if size.height.is_some() {
                Fit::Cover
            } else {
                Fit::Contain
            },
            ..Self::default()
        }
    }

    /// The transform a URL's query asks for: `Ok(None)` when it asks for
    /// none (the original file).
    pub(crate) fn from_query(
        query: &HashMap<String, String>,
        sizes: &[MediaSize],
    ) -> Result<Option<Self>, Invalid> {
        if !PARAMS.iter().any(|p| query.contains_key(*p)) {
            return Ok(None);
        }
        if let Some(name) = query.get("size") {
            if PARAMS[..6].iter().any(|p| query.contains_key(*p)) {
                return Err(invalid("size= cannot be combined with other parameters"));
            }
            let size = sizes
                .iter()
                .find(|s| s.name == *name)
                .ok_or_else(|| invalid(format!("no size is named `{name}`")))?;
            return Ok(Some(Self::sized(size)));
        }
        let int = |name: &str| -> Result<Option<i64>, Invalid> {
            query
                .get(name)
                .map(|v| {
                    v.parse::<i64>()
                        .map_err(|_| invalid(format!("{name} must be a whole number")))
                })
                .transpose()
        };
        let fit = match query.get("fit").map(String::as_str) {
            None => None,
            Some("cover") => Some(Fit::Cover),
            Some("contain") => Some(Fit::Contain),
            Some(_) => return Err(invalid("fit must be cover or contain")),
        };
        let format = match query.get("format").map(String::as_str) {
            None => None,
            Some("auto") => Some(Format::Auto),
            Some("webp") => Some(Format::Webp),
            Some("avif") => Some(Format::Avif),
            Some("jpeg" | "jpg") => Some(Format::Jpeg),
            Some("png") => Some(Format::Png),
            Some(_) => return Err(invalid("format must be auto, webp, avif, jpeg or png")),
        };
        let dpr = query
            .get("dpr")
            .map(|v| {
                v.parse::<f64>()
                    .ok()
                    .filter(|d| d.is_finite())
                    .ok_or_else(|| invalid("dpr must be a number"))
            })
            .transpose()?;
        Self::new(int("w")?, int("h")?, fit, format, int("q")?, dpr).map(Some)
    }

    /// The query string that asks for this transform, always written the
    /// same way: it is what a signed link signs.
    pub(crate) fn query(&self) -> String {
        let mut parts = Vec::with_capacity(6);
        if let Some(w) = self.width {
            parts.push(format!("w={w}"));
        }
        if let Some(h) = self.height {
            parts.push(format!("h={h}"));
        }
        parts.push(format!(
            "fit={}",
            match self.fit {
                Fit::Cover => "cover",
                Fit::Contain => "contain",
            }
        ));
        parts.push(format!(
            "format={}",
            match self.format {
                Format::Auto => "auto",
                Format::Webp => "webp",
                Format::Avif => "avif",
                Format::Jpeg => "jpeg",
                Format::Png => "png",
            }
        ));
        if let Some(q) = self.quality {
            parts.push(format!("q={q}"));
        }
        if self.dpr_tenths != 10 {
            parts.push(format!(
                "dpr={}.{}",
                self.dpr_tenths / 10,
                self.dpr_tenths % 10
            ));
        }
        parts.join("&")
    }

    /// Whether a named size asks for exactly this (so it needs no
    /// signature: the sizes are the install's allow-list).
    pub(crate) fn is_allowed(&self, sizes: &[MediaSize]) -> bool {
        sizes.iter().any(|size| {
            let named = Self::sized(size);
            self.width == named.width
                && self.height == named.height
                && self.fit == named.fit
                && self.quality.is_none()
                && self.dpr_tenths == 10
        })
    }
}

/// One image's variant: the source pixels to take, the size to make them
/// and the format to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Left, top, width and height of the source region, in pixels of the
    /// upright (orientation applied) image.
    pub(crate) crop: (u32, u32, u32, u32),
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) output: Output,
    pub(crate) quality: u8,
}

/// What a plan needs to know of the source image.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source {
    /// Upright size in pixels.
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// Focal point (fractions), centre when unset.
    pub(crate) focal: (f32, f32),
    /// PNG, GIF or WebP: may hold transparency.
    pub(crate) may_be_transparent: bool,
}

impl Plan {
    /// The plan for `transform` on `source`, for a client whose `Accept`
    /// header is `accept`. An image is never made larger than it is.
    pub(crate) fn new(transform: &Transform, source: Source, accept: &str) -> Self {
        let (sw, sh) = (f64::from(source.width), f64::from(source.height));
        let want = |side: Option<u32>| side.map(|s| f64::from(s * transform.dpr_tenths / 10));
        let (bw, bh) = (want(transform.width), want(transform.height));
        let (crop, width, height) = match (transform.fit, bw, bh) {
            (Fit::Cover, Some(bw), Some(bh)) => {
                // Never upscale: shrink the box (keeping its shape) until
                // the image covers it at scale 1 or less.
                let scale = (bw / sw).max(bh / sh);
                let (bw, bh, scale) = if scale > 1.0 {
                    (bw / scale, bh / scale, 1.0)
                } else {
                    (bw, bh, scale)
                };
                let (cw, ch) = ((bw / scale).min(sw), (bh / scale).min(sh));
                let left = (f64::from(source.focal.0) * sw - cw / 2.0).clamp(0.0, sw - cw);
                let top = (f64::from(source.focal.1) * sh - ch / 2.0).clamp(0.0, sh - ch);
                (
                    (px(left), px(top), px(cw).max(1), px(ch).max(1)),
                    px(bw).max(1),
                    px(bh).max(1),
                )
            }
            _ => {
                let scale = [bw.map(|w| w / sw), bh.map(|h| h / sh)]
                    .into_iter()
                    .flatten()
                    .fold(1.0_f64, f64::min);
                (
                    (0, 0, source.width, source.height),
                    px(sw * scale).max(1),
                    px(sh * scale).max(1),
                )
            }
        };
        let output = match transform.format {
            Format::Webp => Output::Webp,
            Format::Avif => Output::Avif,
            Format::Jpeg => Output::Jpeg,
            Format::Png => Output::Png,
            Format::Auto => {
                let takes = |mime: &str| {
                    accept
                        .split(',')
                        .any(|part| part.split(';').next().is_some_and(|m| m.trim() == mime))
                };
                if takes("image/avif") {
                    Output::Avif
                } else if takes("image/webp") {
                    Output::Webp
                } else if source.may_be_transparent {
                    Output::Png
                } else {
                    Output::Jpeg
                }
            }
        };
        Self {
            crop,
            width,
            height,
            output,
            quality: transform.quality.unwrap_or(DEFAULT_QUALITY),
        }
    }

    /// Where the variant of the image with `checksum` is stored: every
    /// input of the render is in the key, so a key is made once.
    pub(crate) fn key(&self, checksum: &str) -> String {
        let (x, y, w, h) = self.crop;
        format!(
            "variants/{checksum}/{}x{}-{x}.{y}.{w}.{h}-q{}.{}",
            self.width,
            self.height,
            self.quality,
            self.output.extension()
        )
    }
}

/// A non-negative pixel count, rounded (inputs are bounded by the image's
/// own size, so they fit a `u32`).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn px(value: f64) -> u32 {
    value.round().max(0.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(width: u32, height: u32) -> Source {
        Source {
            width,
            height,
            focal: (0.5, 0.5),
            may_be_transparent: false,
        }
    }

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    fn sizes() -> Vec<MediaSize> {
        vec![
            MediaSize {
                name: "thumbnail".into(),
                width: 200,
                height: Some(200),
            },
            MediaSize {
                name: "medium".into(),
                width: 960,
                height: None,
            },
        ]
    }

    #[test]
    fn queries_are_checked_and_written_one_way() -> Result<(), Invalid> {
        assert_eq!(Transform::from_query(&query(&[]), &sizes())?, None);
        let t = Transform::from_query(&query(&[("w", "300"), ("dpr", "2")]), &sizes())?;
        assert_eq!(
            t.map(|t| t.query()).as_deref(),
            Some("w=300&fit=cover&format=auto&dpr=2.0")
        );
        for bad in [
            vec![("w", "0")],
            vec![("w", "5000")],
            vec![("w", "abc")],
            vec![("w", "3000"), ("dpr", "2")],
            vec![("w", "10"), ("q", "101")],
            vec![("w", "10"), ("dpr", "NaN")],
            vec![("w", "10"), ("dpr", "1.25")],
            vec![("w", "10"), ("fit", "fill")],
            vec![("w", "10"), ("format", "bmp")],
            vec![("fit", "cover")],
            vec![("size", "huge")],
            vec![("size", "thumbnail"), ("w", "10")],
        ] {
            assert!(
                Transform::from_query(&query(&bad), &sizes()).is_err(),
                "{bad:?} accepted"
            );
        }
        Ok(())
    }

    #[test]
    fn only_named_sizes_need_no_signature() -> Result<(), Invalid> {
        let named = Transform::from_query(&query(&[("size", "thumbnail")]), &sizes())?;
        assert!(named.is_some_and(|t| t.is_allowed(&sizes())));
        let same = Transform::from_query(&query(&[("w", "200"), ("h", "200")]), &sizes())?;
        assert!(same.is_some_and(|t| t.is_allowed(&sizes())));
        let other = Transform::from_query(&query(&[("w", "201"), ("h", "200")]), &sizes())?;
        assert!(other.is_some_and(|t| !t.is_allowed(&sizes())));
        Ok(())
    }

    #[test]
    fn cover_crops_around_the_focal_point_and_never_upscales() -> Result<(), Invalid> {
        let square = Transform::new(Some(100), Some(100), None, None, None, None)?;
        let mut wide = source(400, 200);
        wide.focal = (0.9, 0.5);
        let plan = Plan::new(&square, wide, "");
        assert_eq!((plan.width, plan.height), (100, 100));
        // A 200×200 region as far right as the focal point wants.
        assert_eq!(plan.crop, (200, 0, 200, 200));
        wide.focal = (0.5, 0.5);
        assert_eq!(Plan::new(&square, wide, "").crop, (100, 0, 200, 200));
        let huge = Transform::new(Some(1000), Some(500), None, None, None, None)?;
        let plan = Plan::new(&huge, source(400, 400), "");
        assert_eq!((plan.width, plan.height), (400, 200));
        assert_eq!(plan.crop, (0, 100, 400, 200));
        Ok(())
    }

    #[test]
    fn contain_keeps_the_whole_image() -> Result<(), Invalid> {
        let fit = Transform::new(Some(100), Some(100), Some(Fit::Contain), None, None, None)?;
        let plan = Plan::new(&fit, source(400, 200), "");
        assert_eq!(
            (plan.width, plan.height, plan.crop),
            (100, 50, (0, 0, 400, 200))
        );
        let width_only = Transform::new(Some(1000), None, None, None, None, None)?;
        let plan = Plan::new(&width_only, source(400, 200), "");
        assert_eq!((plan.width, plan.height), (400, 200));
        Ok(())
    }

    #[test]
    fn auto_format_follows_accept() -> Result<(), Invalid> {
        let t = Transform::new(Some(10), None, None, None, None, None)?;
        let chrome = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8";
        assert_eq!(Plan::new(&t, source(20, 20), chrome).output, Output::Avif);
        assert_eq!(
            Plan::new(&t, source(20, 20), "image/webp,*/*").output,
            Output::Webp
        );
        assert_eq!(Plan::new(&t, source(20, 20), "*/*").output, Output::Jpeg);
        let mut png = source(20, 20);
        png.may_be_transparent = true;
        assert_eq!(Plan::new(&t, png, "").output, Output::Png);
        Ok(())
    }

    #[test]
    fn keys_hold_every_input_of_the_render() -> Result<(), Invalid> {
        let t = Transform::new(Some(100), Some(100), None, None, Some(60), None)?;
        let mut s = source(400, 200);
        let a = Plan::new(&t, s, "").key("ab");
        s.focal = (0.1, 0.5);
        let b = Plan::new(&t, s, "").key("ab");
        assert_ne!(a, b);
        assert_eq!(a, "variants/ab/100x100-100.0.200.200-q60.jpg");
        Ok(())
    }
}
