//! Which meeting and profile a run checks against: what the user named (`--meeting`,
//! `--profile`, fgcheck.toml, the page's selectors), resolved against the rule data at a
//! given time ("the next meeting" follows the clock).

use jiff::Timestamp;

use crate::profile::{Meeting, Profile, RuleData};

/// `--meeting none`: a pre-check, without the meeting's rules or its deadline.
pub const NO_MEETING: &str = "none";

/// The meeting and profile a user asked for (`--meeting`, `--profile`, fgcheck.toml, the
/// page's selectors); `None` means "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// A meeting id, or [`NO_MEETING`].
    pub meeting: Option<String>,
    pub profile: Option<String>,
}

/// How the meeting of a run was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingChoice {
    /// Named by the user.
    Given,
    /// `none`: no meeting on purpose.
    PreCheck,
    /// None named: the next meeting whose input deadline has not passed.
    Next,
    /// None named, and no input deadline ahead in the rule data (for the profile named,
    /// when one was): no meeting rules, no deadline.
    NoneUpcoming { profile: Option<String> },
}

/// A selection resolved against the rule data at a given time.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub profile: Profile,
    pub meeting: Option<Meeting>,
    pub choice: MeetingChoice,
}

impl Selection {
    /// A meeting brings its profile unless one is named. With no meeting named, the next
    /// meeting whose input deadline is at or after `now` applies (of the named profile, if
    /// any); when there is none, no meeting applies and the profile is the one named or
    /// the rule data's default. A past meeting is never chosen for the user: it would make
    /// every later document late.
    pub fn resolve(&self, data: &RuleData, now: Timestamp) -> Result<Resolved, String> {
        let (meeting, choice) = match self.meeting.as_deref().map(str::trim) {
            Some(id) if id.eq_ignore_ascii_case(NO_MEETING) => (None, MeetingChoice::PreCheck),
            Some(id) => {
                let meeting = data.meetings.get(id).cloned().ok_or_else(|| {
                    format!(
                        "unknown meeting {id:?}; known: {} (or {NO_MEETING:?} for none)",
                        data.meetings.keys().cloned().collect::<Vec<_>>().join(", ")
                    )
                })?;
                (Some(meeting), MeetingChoice::Given)
            }
            None => match next_meeting(data, now, self.profile.as_deref()) {
                Some(meeting) => (Some(meeting.clone()), MeetingChoice::Next),
                None => (
                    None,
                    MeetingChoice::NoneUpcoming {
                        profile: self.profile.clone(),
                    },
                ),
            },
        };
        let profile_id = self
            .profile
            .clone()
            .or_else(|| meeting.as_ref().map(|m| m.profile.clone()))
            .or_else(|| data.default_profile.clone())
            .ok_or_else(|| "no profile: give --profile or --meeting".to_string())?;
        let profile = data.profiles.get(&profile_id).cloned().ok_or_else(|| {
            format!(
                "unknown profile {profile_id:?}; known: {}",
                data.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })?;
        Ok(Resolved {
            profile,
            meeting,
            choice,
        })
    }
}

/// The meeting whose input deadline comes next at `now` (the deadline itself counts as not
/// passed), of `profile` when one is given. Ties go to the earlier meeting id.
pub fn next_meeting<'a>(
    data: &'a RuleData,
    now: Timestamp,
    profile: Option<&str>,
) -> Option<&'a Meeting> {
    data.meetings
        .values()
        .filter(|m| profile.is_none_or(|p| m.profile == p))
        .filter_map(|m| Some((m.deadline().ok()?.timestamp(), m)))
        .filter(|(deadline, _)| *deadline >= now)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)))
        .map(|(_, m)| m)
}

impl Resolved {
    /// The line the command line prints on stderr about the meeting, when it was not named:
    /// which meeting was chosen, or that none is upcoming and how to pick one.
    pub fn note(&self) -> Option<String> {
        match (&self.choice, &self.meeting) {
            (MeetingChoice::Next, Some(meeting)) => Some(format!(
                "no meeting given: checking against {}, the next meeting whose inputs are due (by {}); choose another with --meeting ID (`fgcheck meetings` lists them) or --meeting {NO_MEETING}",
                meeting.id,
                meeting
                    .deadline()
                    .map(|d| format!(
                        "{} {}",
                        d.strftime("%Y-%m-%d %H:%M:%S"),
                        meeting.time_zone_name
                    ))
                    .unwrap_or_else(|_| meeting.input_deadline.to_string()),
            )),
            (MeetingChoice::NoneUpcoming { profile }, _) => Some(format!(
                "no upcoming meeting is known{}: the meeting's place, dates and deadline are not checked; choose a meeting with --meeting ID (`fgcheck meetings` lists them)",
                profile
                    .as_deref()
                    .map(|p| format!(" for profile {p}"))
                    .unwrap_or_default()
            )),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn resolve(meeting: Option<&str>, profile: Option<&str>, now: &str) -> Resolved {
        let data = RuleData::builtin().unwrap();
        Selection {
            meeting: meeting.map(str::to_string),
            profile: profile.map(str::to_string),
        }
        .resolve(&data, at(now))
        .unwrap()
    }

    fn meeting_id(resolved: &Resolved) -> Option<&str> {
        resolved.meeting.as_ref().map(|m| m.id.as_str())
    }

    #[test]
    fn without_a_meeting_the_next_one_due_applies_never_a_past_one() {
        let before = resolve(None, None, "2020-07-01T00:00:00Z");
        assert_eq!(meeting_id(&before), Some("fg-qit4n-5"));
        assert_eq!(before.choice, MeetingChoice::Next);
        assert_eq!(before.profile.id, "fg-qit4n");
        // The deadline's own second still counts as due.
        let last = resolve(None, None, "2020-07-22T21:59:59Z");
        assert_eq!(meeting_id(&last), Some("fg-qit4n-5"));
        // One second later no meeting is upcoming: no meeting, the default profile.
        let after = resolve(None, None, "2020-07-22T22:00:00Z");
        assert_eq!(meeting_id(&after), None);
        assert_eq!(after.choice, MeetingChoice::NoneUpcoming { profile: None });
        assert_eq!(after.profile.id, "fg-qit4n");
        let note = after.note().unwrap();
        assert!(
            note.contains("no upcoming meeting") && note.contains("--meeting ID"),
            "{note}"
        );
    }

    #[test]
    fn a_named_meeting_or_none_is_taken_as_given() {
        let given = resolve(Some("fg-qit4n-5"), None, "2030-01-01T00:00:00Z");
        assert_eq!(meeting_id(&given), Some("fg-qit4n-5"));
        assert_eq!(given.choice, MeetingChoice::Given);
        assert_eq!(given.note(), None);
        for none in ["none", "NONE"] {
            let pre = resolve(Some(none), None, "2020-07-01T00:00:00Z");
            assert_eq!(meeting_id(&pre), None);
            assert_eq!(pre.choice, MeetingChoice::PreCheck);
            assert_eq!(pre.note(), None);
        }
        let data = RuleData::builtin().unwrap();
        let error = Selection {
            meeting: Some("fg-qit4n-99".into()),
            profile: None,
        }
        .resolve(&data, at("2020-07-01T00:00:00Z"))
        .unwrap_err();
        assert!(error.contains("fg-qit4n-5"), "{error}");
    }

    #[test]
    fn a_profile_picks_only_its_own_meetings() {
        let other = resolve(None, Some("itu-t-sg"), "2020-07-01T00:00:00Z");
        assert_eq!(meeting_id(&other), None);
        assert_eq!(other.profile.id, "itu-t-sg");
        assert_eq!(
            other.choice,
            MeetingChoice::NoneUpcoming {
                profile: Some("itu-t-sg".into())
            }
        );
        assert!(other.note().unwrap().contains("for profile itu-t-sg"));
        let own = resolve(None, Some("fg-qit4n"), "2020-07-01T00:00:00Z");
        assert_eq!(meeting_id(&own), Some("fg-qit4n-5"));
    }
}
