//! Checks on the zip structure that the zip crate does not make, each with a message in
//! words (issue 12): the end-of-central-directory record (present? pointing inside the
//! file? describing a directory of sane size?) and every local file header against its
//! central-directory entry.
//!
//! A zip carries each entry's name, method and sizes twice, in the local header and in the
//! central directory. Readers that trust different copies see different files, which is
//! how a file can pass one checker and open as something else in Word; Word itself refuses
//! a package whose copies disagree.

use std::io::{Read, Seek, SeekFrom};

use zip::ZipArchive;
use zip::result::ZipResult;

use crate::package::{PackageError, limits};

const EOCD_SIGNATURE: [u8; 4] = *b"PK\x05\x06";
const ZIP64_LOCATOR_SIGNATURE: [u8; 4] = *b"PK\x06\x07";
const ZIP64_EOCD_SIGNATURE: [u8; 4] = *b"PK\x06\x06";
const LOCAL_SIGNATURE: [u8; 4] = *b"PK\x03\x04";
/// The record is 22 bytes plus a comment of at most 65,535.
const EOCD_SEARCH: u64 = 22 + 65_535;

fn io(error: std::io::Error) -> PackageError {
    PackageError::Io(error.to_string())
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

fn read_at<R: Read + Seek>(reader: &mut R, at: u64, len: usize) -> Result<Vec<u8>, PackageError> {
    reader.seek(SeekFrom::Start(at)).map_err(io)?;
    let mut bytes = Vec::with_capacity(len);
    reader
        .take(len as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

fn corrupt(detail: String) -> PackageError {
    PackageError::CorruptZip(detail)
}

/// Finds the end-of-central-directory record and checks what it says against the file.
/// Returns the file's length.
pub fn check_end_record<R: Read + Seek>(reader: &mut R) -> Result<u64, PackageError> {
    let file_len = reader.seek(SeekFrom::End(0)).map_err(io)?;
    // Nearly every zip ends with a record without a comment: look at the last kilobyte
    // first, and at the 64 KiB a comment may take only when the record is not there.
    let mut start = file_len.saturating_sub(1024);
    // At most EOCD_SEARCH bytes: the length always fits.
    let tail_len = |start: u64| usize::try_from(file_len - start).unwrap_or(usize::MAX);
    let mut tail = read_at(reader, start, tail_len(start))?;
    if !tail.windows(4).any(|w| w == EOCD_SIGNATURE) && start > 0 {
        start = file_len.saturating_sub(EOCD_SEARCH);
        tail = read_at(reader, start, tail_len(start))?;
    }
    // The last signature whose comment length ends the file exactly; else the last one.
    let candidates: Vec<usize> = tail
        .windows(4)
        .enumerate()
        .filter(|(_, window)| *window == EOCD_SIGNATURE)
        .map(|(at, _)| at)
        .collect();
    let exact = candidates.iter().rev().copied().find(|&at| {
        u16_at(&tail, at + 20).is_some_and(|comment| at + 22 + usize::from(comment) == tail.len())
    });
    let Some(at) = exact.or_else(|| candidates.last().copied()) else {
        return Err(corrupt(
            "no end-of-central-directory record: the file is truncated or not a zip".into(),
        ));
    };
    let record_pos = start + at as u64;
    let (Some(entries), Some(cd_size), Some(cd_offset)) = (
        u16_at(&tail, at + 10),
        u32_at(&tail, at + 12),
        u32_at(&tail, at + 16),
    ) else {
        return Err(corrupt(
            "the end-of-central-directory record is cut short: the file is truncated".into(),
        ));
    };
    let (entries, cd_size, cd_offset, end_of_directory) =
        if entries == u16::MAX || cd_size == u32::MAX || cd_offset == u32::MAX {
            match zip64_record(reader, record_pos)? {
                Some((entries, size, offset, pos)) => (entries, size, offset, pos),
                // No usable ZIP64 record: let the zip reader say what is wrong.
                None => return Ok(file_len),
            }
        } else {
            (
                u64::from(entries),
                u64::from(cd_size),
                u64::from(cd_offset),
                record_pos,
            )
        };
    if entries > limits::MAX_ENTRIES as u64 {
        return Err(PackageError::ZipBomb {
            part: String::new(),
            detail: format!(
                "the zip declares {entries} entries (limit {}); a Word document has a few dozen",
                limits::MAX_ENTRIES
            ),
        });
    }
    if cd_size > limits::MAX_CENTRAL_DIRECTORY_BYTES {
        return Err(PackageError::ZipBomb {
            part: String::new(),
            detail: format!(
                "the zip's central directory is {cd_size} bytes (limit {} MiB)",
                limits::MAX_CENTRAL_DIRECTORY_BYTES >> 20
            ),
        });
    }
    if cd_offset >= file_len && cd_size > 0 {
        return Err(corrupt(format!(
            "the end-of-central-directory record is present, but it places the central directory at byte {cd_offset}, past the end of the file ({file_len} bytes): the file is truncated or damaged"
        )));
    }
    // Data prepended to a zip (self-extractors) moves everything later, never earlier; a
    // directory that would run past its own end record is damage.
    if cd_offset.saturating_add(cd_size) > end_of_directory {
        return Err(corrupt(format!(
            "the end-of-central-directory record describes a central directory of {cd_size} bytes at byte {cd_offset}, which runs past the record itself (at byte {end_of_directory}): the file is truncated or damaged"
        )));
    }
    Ok(file_len)
}

/// The ZIP64 end record the locator before `record_pos` points to: (entries, size,
/// offset, position).
fn zip64_record<R: Read + Seek>(
    reader: &mut R,
    record_pos: u64,
) -> Result<Option<(u64, u64, u64, u64)>, PackageError> {
    let Some(locator_pos) = record_pos.checked_sub(20) else {
        return Ok(None);
    };
    let locator = read_at(reader, locator_pos, 20)?;
    if locator.get(..4) != Some(&ZIP64_LOCATOR_SIGNATURE[..]) {
        return Ok(None);
    }
    let Some(pos) = u64_at(&locator, 8) else {
        return Ok(None);
    };
    let record = read_at(reader, pos, 56)?;
    if record.get(..4) != Some(&ZIP64_EOCD_SIGNATURE[..]) {
        return Ok(None);
    }
    match (
        u64_at(&record, 32),
        u64_at(&record, 40),
        u64_at(&record, 48),
    ) {
        (Some(entries), Some(size), Some(offset)) => Ok(Some((entries, size, offset, pos))),
        _ => Ok(None),
    }
}

/// What the central directory says about one entry.
pub struct Entry {
    name: Vec<u8>,
    header_start: u64,
    method: u16,
    compressed: u64,
    size: u64,
    data_descriptor: bool,
}

/// Every entry's central-directory facts, read without inflating anything.
pub fn entries<R: Read + Seek>(zip: &mut ZipArchive<R>) -> ZipResult<Vec<Entry>> {
    let mut out = Vec::with_capacity(zip.len());
    for index in 0..zip.len() {
        let file = zip.by_index_raw(index)?;
        #[allow(deprecated)] // the only public way to the method's number
        let method = file.compression().to_u16();
        out.push(Entry {
            name: file.name_raw().to_vec(),
            header_start: file.header_start(),
            method,
            compressed: file.compressed_size(),
            size: file.size(),
            data_descriptor: file.flags().is_using_data_descriptor(),
        });
    }
    Ok(out)
}

/// Each local header against its central-directory entry: signature, name, method, and the
/// sizes unless a data descriptor (or ZIP64) carries them instead.
pub fn check_local_headers<R: Read + Seek>(
    reader: &mut R,
    entries: &[Entry],
    file_len: u64,
) -> Result<(), PackageError> {
    for entry in entries {
        let shown = String::from_utf8_lossy(&entry.name);
        if entry.header_start.saturating_add(30) > file_len {
            return Err(corrupt(format!(
                "the central directory places entry {shown} at byte {}, past the end of the file",
                entry.header_start
            )));
        }
        let header = read_at(reader, entry.header_start, 30 + entry.name.len())?;
        if header.get(..4) != Some(&LOCAL_SIGNATURE[..]) {
            return Err(corrupt(format!(
                "entry {shown} has no local header where the central directory says (byte {})",
                entry.header_start
            )));
        }
        let method = u16_at(&header, 8);
        let compressed = u32_at(&header, 18);
        let size = u32_at(&header, 22);
        let name_len = u16_at(&header, 26).map(usize::from);
        let name = name_len.and_then(|len| header.get(30..30 + len));
        if name != Some(entry.name.as_slice()) {
            let local = name_len
                .and_then(|len| header.get(30..(30 + len).min(header.len())))
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            return Err(corrupt(format!(
                "entry {shown} is named \"{}\" in its local header: the two copies of the name disagree",
                crate::xml::clip_bytes(&local, 200)
            )));
        }
        if method != Some(entry.method) {
            return Err(corrupt(format!(
                "entry {shown} is compressed with method {} in its local header but {} in the central directory",
                method.unwrap_or_default(),
                entry.method
            )));
        }
        let sizes_here =
            !entry.data_descriptor && compressed != Some(u32::MAX) && size != Some(u32::MAX);
        if sizes_here
            && (compressed.map(u64::from) != Some(entry.compressed)
                || size.map(u64::from) != Some(entry.size))
        {
            return Err(corrupt(format!(
                "entry {shown} has sizes {}/{} (compressed/inflated) in its local header but {}/{} in the central directory",
                compressed.unwrap_or_default(),
                size.unwrap_or_default(),
                entry.compressed,
                entry.size
            )));
        }
    }
    Ok(())
}
