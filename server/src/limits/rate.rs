//! `Rate`: a limit written as `"30/minute"` in the configuration, and its quota.

use std::fmt;
use std::num::NonZeroU32;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// At most `count` events per `period`, as a token bucket: a burst of `count` is
/// allowed, then one more every `period / count`. `"off"` turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rate {
    Limited { count: NonZeroU32, period: Duration },
    Off,
}

impl Rate {
    /// `count` per `period`; a zero count means no events at all are allowed, which no
    /// limit here wants, so it is refused at parse time instead.
    pub const fn new(count: NonZeroU32, period: Duration) -> Self {
        Self::Limited { count, period }
    }

    /// The governor quota: bursts of `count`, one token back every `period / count`.
    pub fn quota(self) -> Option<governor::Quota> {
        match self {
            Self::Off => None,
            Self::Limited { count, period } => {
                let every = (period / count.get()).max(Duration::from_millis(1));
                governor::Quota::with_period(every).map(|quota| quota.allow_burst(count))
            }
        }
    }
}

/// What a rate string failed on.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a rate: write it as \"30/minute\" (second, minute, hour or day) or \"off\"")]
pub struct RateParseError(String);

impl FromStr for Rate {
    type Err = RateParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        if trimmed.eq_ignore_ascii_case("off") {
            return Ok(Self::Off);
        }
        let error = || RateParseError(text.to_owned());
        let (count, unit) = trimmed.split_once('/').ok_or_else(error)?;
        let count: NonZeroU32 = count.trim().parse().map_err(|_| error())?;
        let period = match unit.trim() {
            "second" | "s" => Duration::from_secs(1),
            "minute" | "min" => Duration::from_secs(60),
            "hour" | "h" => Duration::from_secs(3600),
            "day" | "d" => Duration::from_secs(86_400),
            _ => return Err(error()),
        };
        Ok(Self::Limited { count, period })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Off => f.write_str("off"),
            Self::Limited { count, period } => {
                let unit = match period.as_secs() {
                    1 => "second",
                    60 => "minute",
                    3600 => "hour",
                    _ => "day",
                };
                write!(f, "{count}/{unit}")
            }
        }
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_parse_and_print_back() {
        for text in ["30/minute", "5/day", "20/second", "60/hour", "off"] {
            let rate: Rate = text.parse().expect("a rate");
            assert_eq!(rate.to_string(), text);
        }
        assert_eq!("7 / s".parse::<Rate>().expect("short unit").to_string(), "7/second");
    }

    #[test]
    fn malformed_rates_are_refused_with_the_expected_form() {
        for text in ["", "30", "0/minute", "-1/minute", "30/fortnight", "many/day"] {
            let error = text.parse::<Rate>().expect_err(text).to_string();
            assert!(error.contains("30/minute"), "{error}");
        }
    }

    #[test]
    fn a_quota_allows_the_whole_count_at_once() {
        let quota = "5/day".parse::<Rate>().expect("rate").quota().expect("limited");
        assert_eq!(quota.burst_size().get(), 5);
        assert_eq!(quota.replenish_interval(), Duration::from_secs(86_400 / 5));
        assert!(Rate::Off.quota().is_none());
    }
}
