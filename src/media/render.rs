//! Making pixels: decoding an image within a pixel and memory budget,
//! turning it upright, cropping and resizing it to a [`Plan`], encoding the
//! result, and the blurred placeholder shown while it loads. Everything
//! here blocks; callers run it off the async runtime.

use std::io::{BufRead, Seek};

use fast_image_resize::images::Image;
use fast_image_resize::{PixelType, ResizeOptions, Resizer};
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageReader};

use super::transform::{Output, Plan};

/// The most memory one decode may allocate. A 40-megapixel image with
/// transparency needs 160 MiB; anything past this is refused, not paged.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;
/// AVIF encoder speed (0 slowest..10 fastest): 8 makes a 1,000-pixel
/// image in well under a second on one core with little loss of size.
const AVIF_SPEED: u8 = 8;
/// Components of a placeholder (blurhash): enough for a soft impression.
const PLACEHOLDER_COMPONENTS: (u32, u32) = (4, 3);
/// Side the image is shrunk to before its placeholder is computed.
const PLACEHOLDER_SIDE: u32 = 32;

/// Why an image could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RenderError {
    /// The image is bigger than the install allows (a decompression bomb
    /// or simply too big to transform).
    #[error("the image is {width}×{height} pixels; at most {max} pixels can be transformed")]
    TooLarge { width: u32, height: u32, max: u64 },
    /// The bytes are not an image this server can decode.
    #[error("the image cannot be decoded: {0}")]
    Undecodable(String),
    /// An encoder or the resizer failed.
    #[error("the image cannot be encoded: {0}")]
    Encode(String),
}

/// An image decoded, upright.
pub(crate) struct Decoded(DynamicImage);

/// Decodes `source` upright, refusing more than `max_pixels` pixels before
/// a single pixel is allocated.
pub(crate) fn decode(source: impl BufRead + Seek, max_pixels: u64) -> Result<Decoded, RenderError> {
    let undecodable = |e: &dyn std::fmt::Display| RenderError::Undecodable(e.to_string());
    let mut reader = ImageReader::new(source)
        .with_guessed_format()
        .map_err(|e| undecodable(&e))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| refused(&e, max_pixels))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(RenderError::TooLarge {
            width,
            height,
            max: max_pixels,
        });
    }
    let orientation = decoder.orientation().map_err(|e| undecodable(&e))?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| refused(&e, max_pixels))?;
    image.apply_orientation(orientation);
    // Eight bits a channel is what the resizer and encoders take; the
    // conversion is free for the usual JPEG (RGB) and PNG (RGBA).
    Ok(Decoded(if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    }))
}

/// A decode error, told apart: a limit is the image's size, not damage.
fn refused(err: &image::ImageError, max_pixels: u64) -> RenderError {
    match err {
        image::ImageError::Limits(_) => RenderError::TooLarge {
            width: 0,
            height: 0,
            max: max_pixels,
        },
        other => RenderError::Undecodable(other.to_string()),
    }
}

impl Decoded {
    /// Upright width and height.
    pub(crate) fn dimensions(&self) -> (u32, u32) {
        (self.0.width(), self.0.height())
    }

    /// The variant `plan` describes, encoded.
    pub(crate) fn render(&self, plan: &Plan) -> Result<Vec<u8>, RenderError> {
        let opaque;
        let source = if self.0.color().has_alpha() && plan.output == Output::Jpeg {
            opaque = DynamicImage::ImageRgb8(self.0.to_rgb8());
            &opaque
        } else {
            &self.0
        };
        let (pixel_type, color) = layout(source);
        let pixels = resize(source, plan, pixel_type)?;
        encode(&pixels, plan, color)
    }

    /// A blurhash of the image: a string of a few dozen characters that a
    /// front end turns into a soft preview while the image loads.
    pub(crate) fn placeholder(&self) -> Result<String, RenderError> {
        let (w, h) = self.dimensions();
        let scale = f64::from(PLACEHOLDER_SIDE) / f64::from(w.max(h));
        let plan = Plan {
            crop: (0, 0, w, h),
            width: scaled(w, scale),
            height: scaled(h, scale),
            output: Output::Png,
            quality: 0,
        };
        let (pixel_type, color) = layout(&self.0);
        let mut pixels = resize(&self.0, &plan, pixel_type)?;
        if color == ExtendedColorType::Rgb8 {
            pixels = pixels
                .chunks_exact(3)
                .flat_map(|p| [p[0], p[1], p[2], u8::MAX])
                .collect();
        }
        blurhash::encode(
            PLACEHOLDER_COMPONENTS.0,
            PLACEHOLDER_COMPONENTS.1,
            plan.width,
            plan.height,
            &pixels,
        )
        .map_err(|e| RenderError::Encode(e.to_string()))
    }
}

/// The resizer's and encoders' names for a decoded image's pixels (RGB8
/// or RGBA8, as [`decode`] makes them).
fn layout(image: &DynamicImage) -> (PixelType, ExtendedColorType) {
    if image.color().has_alpha() {
        (PixelType::U8x4, ExtendedColorType::Rgba8)
    } else {
        (PixelType::U8x3, ExtendedColorType::Rgb8)
    }
}

/// `side × scale`, at least 1 and never more than `side`.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn scaled(side: u32, scale: f64) -> u32 {
    // Bounded by `side` (scale is at most 1 where it is used).
    ((f64::from(side) * scale.min(1.0)).round() as u32).clamp(1, side.max(1))
}

/// The plan's crop of `source`, resized to the plan's size.
fn resize(
    source: &DynamicImage,
    plan: &Plan,
    pixel_type: PixelType,
) -> Result<Vec<u8>, RenderError> {
    let mut target = Image::new(plan.width, plan.height, pixel_type);
    let (x, y, w, h) = plan.crop;
    let options = ResizeOptions::new().crop(f64::from(x), f64::from(y), f64::from(w), f64::from(h));
    Resizer::new()
        .resize(source, &mut target, &options)
        .map_err(|e| RenderError::Encode(e.to_string()))?;
    Ok(target.into_vec())
}

fn encode(pixels: &[u8], plan: &Plan, color: ExtendedColorType) -> Result<Vec<u8>, RenderError> {
    let failed = |e: &dyn std::fmt::Display| RenderError::Encode(e.to_string());
    let (w, h) = (plan.width, plan.height);
    let mut out = Vec::new();
    match plan.output {
        Output::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, plan.quality)
            .write_image(pixels, w, h, color)
            .map_err(|e| failed(&e))?,
        Output::Png => image::codecs::png::PngEncoder::new(&mut out)
            .write_image(pixels, w, h, color)
            .map_err(|e| failed(&e))?,
        Output::Avif => {
            image::codecs::avif::AvifEncoder::new_with_speed_quality(
                &mut out,
                AVIF_SPEED,
                plan.quality,
            )
            .write_image(pixels, w, h, color)
            .map_err(|e| failed(&e))?;
        }
        Output::Webp => {
            let encoder = if color == ExtendedColorType::Rgba8 {
                webp::Encoder::from_rgba(pixels, w, h)
            } else {
                webp::Encoder::from_rgb(pixels, w, h)
            };
            let memory = encoder
                .encode_simple(false, f32::from(plan.quality))
                .map_err(|e| failed(&format!("{e:?}")))?;
            out.extend_from_slice(&memory);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, _| {
            // Left half red, right half blue: a crop shows which half it took.
            if x < width / 2 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        });
        let mut out = Vec::new();
        let written = image::codecs::png::PngEncoder::new(&mut out).write_image(
            image.as_raw(),
            width,
            height,
            ExtendedColorType::Rgb8,
        );
        assert!(written.is_ok());
        out
    }

    fn plan(output: Output, crop: (u32, u32, u32, u32), width: u32, height: u32) -> Plan {
        Plan {
            crop,
            width,
            height,
            output,
            quality: 70,
        }
    }

    #[test]
    fn every_output_format_decodes_back_at_the_planned_size() -> Result<(), RenderError> {
        let decoded = decode(std::io::Cursor::new(png(64, 32)), 10_000)?;
        assert_eq!(decoded.dimensions(), (64, 32));
        for output in [Output::Jpeg, Output::Png, Output::Webp, Output::Avif] {
            let bytes = decoded.render(&plan(output, (0, 0, 64, 32), 16, 8))?;
            // Read the size from the header: this build decodes no AVIF.
            let size = imagesize::blob_size(&bytes)
                .map_err(|e| RenderError::Undecodable(e.to_string()))?;
            assert_eq!((size.width, size.height), (16, 8), "{output:?}");
            if output != Output::Avif {
                let back = image::load_from_memory(&bytes)
                    .map_err(|e| RenderError::Undecodable(e.to_string()))?;
                assert_eq!((back.width(), back.height()), (16, 8), "{output:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn a_crop_takes_the_planned_region() -> Result<(), RenderError> {
        let decoded = decode(std::io::Cursor::new(png(64, 32)), 10_000)?;
        let right = decoded.render(&plan(Output::Png, (32, 0, 32, 32), 8, 8))?;
        let back = image::load_from_memory(&right)
            .map_err(|e| RenderError::Undecodable(e.to_string()))?
            .to_rgb8();
        assert_eq!(back.get_pixel(4, 4).0, [0, 0, 255]);
        Ok(())
    }

    #[test]
    fn too_many_pixels_are_refused_before_decoding() {
        assert!(matches!(
            decode(std::io::Cursor::new(png(200, 100)), 10_000),
            Err(RenderError::TooLarge {
                width: 200,
                height: 100,
                ..
            })
        ));
        assert!(matches!(
            decode(std::io::Cursor::new(b"not an image".to_vec()), 10_000),
            Err(RenderError::Undecodable(_))
        ));
    }

    #[test]
    fn placeholders_are_short_blurhashes() -> Result<(), RenderError> {
        let hash = decode(std::io::Cursor::new(png(300, 100)), 100_000)?.placeholder()?;
        assert!((20..40).contains(&hash.len()), "{hash}");
        Ok(())
    }
}
