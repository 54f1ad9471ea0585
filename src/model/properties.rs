//! Package metadata: core properties (`docProps/core.xml`), extended properties
//! (`docProps/app.xml`), custom properties, and the settings part's protection.

use std::io::BufRead;

use serde::Serialize;

use crate::package::PackageError;
use crate::xml::{Ns, XmlEvent, XmlReader};

/// Values are capped: metadata is reported, and a hostile 100 MB title must not be.
const MAX_VALUE: usize = 4096;

#[derive(Clone, Debug, Default, Serialize)]
pub struct CoreProps {
    pub title: Option<String>,
    pub subject: Option<String>,
    pub creator: Option<String>,
    pub keywords: Option<String>,
    pub description: Option<String>,
    pub last_modified_by: Option<String>,
    pub revision: Option<String>,
    /// `dcterms:created` exactly as written (W3CDTF, offset included when present).
    pub created: Option<String>,
    /// `dcterms:modified` exactly as written.
    pub modified: Option<String>,
    pub language: Option<String>,
}

pub fn read_core<B: BufRead>(source: B, part: &str) -> Result<CoreProps, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut core = CoreProps::default();
    loop {
        let slot = match reader.next_event()? {
            XmlEvent::Start(e) => match (e.ns, e.local()) {
                (Ns::Dc, b"title") => Some(&mut core.title),
                (Ns::Dc, b"subject") => Some(&mut core.subject),
                (Ns::Dc, b"creator") => Some(&mut core.creator),
                (Ns::Dc, b"description") => Some(&mut core.description),
                (Ns::Dc, b"language") => Some(&mut core.language),
                (Ns::Cp, b"keywords") => Some(&mut core.keywords),
                (Ns::Cp, b"lastModifiedBy") => Some(&mut core.last_modified_by),
                (Ns::Cp, b"revision") => Some(&mut core.revision),
                (Ns::Dcterms, b"created") => Some(&mut core.created),
                (Ns::Dcterms, b"modified") => Some(&mut core.modified),
                _ => None,
            },
            XmlEvent::Eof => return Ok(core),
            _ => None,
        };
        if let Some(slot) = slot {
            let value = reader.text_of_element(MAX_VALUE)?;
            let value = value.trim();
            if !value.is_empty() {
                *slot = Some(value.to_string());
            }
        }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct AppProps {
    pub application: Option<String>,
    pub app_version: Option<String>,
    pub template: Option<String>,
    pub company: Option<String>,
    pub pages: Option<u32>,
    pub words: Option<u32>,
    pub doc_security: Option<u32>,
}

pub fn read_app<B: BufRead>(source: B, part: &str) -> Result<AppProps, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut app = AppProps::default();
    loop {
        let name = match reader.next_event()? {
            XmlEvent::Start(e) if e.ns == Ns::ExtendedProps && reader_depth_is_property(&e) => {
                e.local().to_vec()
            }
            XmlEvent::Eof => return Ok(app),
            _ => continue,
        };
        let value = reader.text_of_element(MAX_VALUE)?;
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        match name.as_slice() {
            b"Application" => app.application = Some(value),
            b"AppVersion" => app.app_version = Some(value),
            b"Template" => app.template = Some(value),
            b"Company" => app.company = Some(value),
            b"Pages" => app.pages = value.parse().ok(),
            b"Words" => app.words = value.parse().ok(),
            b"DocSecurity" => app.doc_security = value.parse().ok(),
            _ => {}
        }
    }
}

fn reader_depth_is_property(e: &crate::xml::Element<'_>) -> bool {
    matches!(
        e.local(),
        b"Application"
            | b"AppVersion"
            | b"Template"
            | b"Company"
            | b"Pages"
            | b"Words"
            | b"DocSecurity"
    )
}

/// Custom document properties (`docProps/custom.xml`): name and text value.
pub fn read_custom<B: BufRead>(
    source: B,
    part: &str,
) -> Result<Vec<(String, String)>, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut props = Vec::new();
    loop {
        match reader.next_event()? {
            XmlEvent::Start(e) if e.is(Ns::CustomProps, "property") => {
                let name = e.attr("name").unwrap_or_default();
                let value = reader.text_of_element(MAX_VALUE)?;
                if props.len() < 256 {
                    props.push((name, value.trim().to_string()));
                }
            }
            XmlEvent::Eof => return Ok(props),
            _ => {}
        }
    }
}

/// What `word/settings.xml` says about protection, tracking and the attached template.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Settings {
    /// `w:documentProtection` with enforcement on: its `w:edit` value.
    pub protection: Option<String>,
    pub track_revisions: bool,
    /// Relationship id of `w:attachedTemplate`.
    pub attached_template_rel: Option<String>,
    /// `w:evenAndOddHeaders`: even pages (page 2 among them) show the even-page header.
    pub even_and_odd_headers: bool,
}

pub fn read_settings<B: BufRead>(source: B, part: &str) -> Result<Settings, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut settings = Settings::default();
    loop {
        match reader.next_event()? {
            XmlEvent::Start(e) | XmlEvent::Empty(e) if e.ns == Ns::W => match e.local() {
                b"documentProtection" | b"writeProtection" => {
                    let enforced = e
                        .attr("enforcement")
                        .is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
                    let kind = if e.local() == b"writeProtection" {
                        "read-only recommended"
                    } else {
                        ""
                    };
                    if enforced {
                        let edit = e.attr("edit").unwrap_or_else(|| kind.to_string());
                        settings.protection =
                            Some(if edit.is_empty() { "on".into() } else { edit });
                    }
                }
                b"trackRevisions" => settings.track_revisions = e.on_off("val"),
                b"evenAndOddHeaders" => settings.even_and_odd_headers = e.on_off("val"),
                b"attachedTemplate" => settings.attached_template_rel = e.attr("id"),
                _ => {}
            },
            XmlEvent::Eof => return Ok(settings),
            _ => {}
        }
    }
}
