//! A report as CSV (RFC 4180, CRLF line ends) for spreadsheets: one table per part of
//! the report, each with its own header row, separated by an empty line. The figures
//! are the JSON report's, written from it, so the two cannot disagree.

use jiff::Timestamp;
use protocol::reports::{Channel, Deflected, Ratings, Report, Targets};

/// The weekdays as the busiest-hours table names them, Monday (1) first.
const WEEKDAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The report as CSV text.
pub fn to_csv(report: &Report) -> String {
    let mut csv = Csv::default();
    let generated = Timestamp::from_millisecond(report.generated_at).map(|at| at.to_string()).unwrap_or_default();
    csv.row(["From", "To", "Time zone", "Generated at"]);
    csv.row([report.from.as_str(), &report.to, &report.time_zone, &generated]);

    csv.table(["Date", "Chats started", "Tickets created", "Chats resolved", "Tickets resolved", "SLA breaches"]);
    for day in &report.days {
        let counts = [day.chats, day.tickets, day.resolved_chats, day.resolved_tickets, day.sla_breaches];
        csv.row(std::iter::once(day.date.clone()).chain(counts.map(|count| count.to_string())));
    }

    csv.table([
        "Channel",
        "Started or created",
        "Resolved",
        "First responses",
        "First response median (business seconds)",
        "First response 90th percentile (business seconds)",
        "Resolution median (business seconds)",
        "Resolution 90th percentile (business seconds)",
    ]);
    for (name, channel) in [("Chats", &report.chats), ("Tickets", &report.tickets)] {
        csv.row(channel_row(name, channel));
    }

    csv.table(["SLA target", "Met", "Breached"]);
    for (name, targets) in [("First response", report.sla.first_response), ("Next response", report.sla.next_response)]
    {
        let Targets { met, breached } = targets;
        csv.row([name.to_owned(), met.to_string(), breached.to_string()]);
    }

    csv.table(["Ratings of", "Ratings", "Average", "Rated 1", "Rated 2", "Rated 3", "Rated 4", "Rated 5"]);
    let satisfaction = &report.satisfaction;
    for (name, ratings) in
        [("All", &satisfaction.all), ("Chats", &satisfaction.chats), ("Tickets", &satisfaction.tickets)]
    {
        csv.row(ratings_row(name, ratings));
    }

    csv.table(["Help center", "Total", "Followed by a chat or ticket", "Deflected"]);
    let deflection = report.deflection;
    for (name, visits) in [("Searches", deflection.searches), ("Article views", deflection.article_views)] {
        let Deflected { total, followed, deflected } = visits;
        csv.row([name.to_owned(), total.to_string(), followed.to_string(), deflected.to_string()]);
    }

    csv.table(["Weekday", "Hour", "Chats started", "Tickets created"]);
    for hour in &report.busiest_hours {
        let weekday = WEEKDAY_NAMES.get(usize::from(hour.weekday).wrapping_sub(1)).copied().unwrap_or_default();
        csv.row([weekday.to_owned(), hour.hour.to_string(), hour.chats.to_string(), hour.tickets.to_string()]);
    }
    csv.text
}

fn channel_row(name: &str, channel: &Channel) -> [String; 8] {
    let optional = |value: Option<u64>| value.map(|value| value.to_string()).unwrap_or_default();
    [
        name.to_owned(),
        channel.created.to_string(),
        channel.resolved.to_string(),
        channel.first_response.count.to_string(),
        optional(channel.first_response.median_secs),
        optional(channel.first_response.p90_secs),
        optional(channel.resolution.median_secs),
        optional(channel.resolution.p90_secs),
    ]
}

fn ratings_row(name: &str, ratings: &Ratings) -> Vec<String> {
    let average = ratings.average.map(|average| format!("{average:.2}")).unwrap_or_default();
    [name.to_owned(), ratings.count.to_string(), average]
        .into_iter()
        .chain(ratings.distribution.iter().map(|count| count.to_string()))
        .collect()
}

/// CSV text being written (also the audit log's export).
#[derive(Debug, Default)]
pub(crate) struct Csv {
    text: String,
}

impl Csv {
    /// The text written so far.
    pub(crate) fn into_string(self) -> String {
        self.text
    }

    /// Starts a new table: an empty line, then its header row.
    fn table<const N: usize>(&mut self, header: [&str; N]) {
        self.text.push_str("\r\n");
        self.row(header);
    }

    /// One row; each field quoted as it needs.
    pub(crate) fn row<T: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = T>) {
        for (index, field) in fields.into_iter().enumerate() {
            if index > 0 {
                self.text.push(',');
            }
            push_field(&mut self.text, field.as_ref());
        }
        self.text.push_str("\r\n");
    }
}

/// One field, quoted when it holds a comma, a quote or a line break (quotes doubled).
/// A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a
/// leading apostrophe; none of the report's own values starts so.
fn push_field(text: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@']);
    let quoted = formula || field.contains([',', '"', '\r', '\n']);
    if quoted {
        text.push('"');
    }
    if formula {
        text.push('\'');
    }
    text.push_str(&field.replace('"', "\"\""));
    if quoted {
        text.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_need_it() {
        let mut text = String::new();
        for field in ["2026-03-02", "a, b", "say \"hi\"", "=SUM(A1)"] {
            push_field(&mut text, field);
            text.push('|');
        }
        assert_eq!(text, "2026-03-02|\"a, b\"|\"say \"\"hi\"\"\"|\"'=SUM(A1)\"|");
    }
}
