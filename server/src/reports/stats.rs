//! The statistics a report states: the median and 90th percentile of durations, and the
//! mean and distribution of ratings. Pure arithmetic on integers, so a figure computed
//! by hand agrees with the report to the second.

use protocol::reports::{Durations, Ratings};

/// The count, median and 90th percentile of durations given in milliseconds, stated in
/// whole seconds (rounded half up).
///
/// The median of an even count is the mean of the two middle durations. The 90th
/// percentile is the nearest rank: the duration at position ⌈0.9 × count⌉ in ascending
/// order, a duration that actually occurred, which at least 90% do not exceed.
pub fn durations(mut millis: Vec<i64>) -> Durations {
    millis.sort_unstable();
    let count = millis.len();
    if count == 0 {
        return Durations::NONE;
    }
    let middle = count / 2;
    let median = if count % 2 == 1 { millis[middle] } else { mean_of_two(millis[middle - 1], millis[middle]) };
    let rank = (count * 9).div_ceil(10);
    let p90 = millis[rank.max(1) - 1];
    Durations {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        median_secs: Some(seconds(median)),
        p90_secs: Some(seconds(p90)),
    }
}

/// The count, mean (rounded half up to two decimals) and distribution of ratings from
/// 1 to 5; anything else is not a rating and is left out.
pub fn ratings(values: impl IntoIterator<Item = i64>) -> Ratings {
    let mut distribution = [0_u32; 5];
    let (mut count, mut sum) = (0_u64, 0_u64);
    for value in values {
        let Some(slot) = usize::try_from(value - 1).ok().and_then(|index| distribution.get_mut(index)) else {
            continue;
        };
        *slot += 1;
        count += 1;
        sum += value.unsigned_abs();
    }
    let average = (count > 0).then(|| {
        let hundredths = (sum * 200 + count) / (count * 2);
        hundredths as f64 / 100.0
    });
    Ratings { count: u32::try_from(count).unwrap_or(u32::MAX), average, distribution }
}

/// The mean of two durations, rounded down to the millisecond, without overflow.
fn mean_of_two(a: i64, b: i64) -> i64 {
    a / 2 + b / 2 + (a % 2 + b % 2) / 2
}

/// Milliseconds as whole seconds, rounded half up; negative durations count as zero.
fn seconds(millis: i64) -> u64 {
    u64::try_from(millis.max(0)).map(|millis| millis.saturating_add(500) / 1000).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60_000;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let figures = durations(vec![40 * MINUTE, 10 * MINUTE, 20 * MINUTE, 30 * MINUTE]);
        assert_eq!(figures, Durations { count: 4, median_secs: Some(25 * 60), p90_secs: Some(40 * 60) });
        assert_eq!(durations(vec![3 * MINUTE, MINUTE, 2 * MINUTE]).median_secs, Some(120));
    }

    #[test]
    fn the_90th_percentile_is_the_nearest_rank() {
        let ten: Vec<i64> = (1..=10).map(|minutes| minutes * MINUTE).collect();
        assert_eq!(durations(ten).p90_secs, Some(9 * 60), "rank 9 of 10");
        let eleven: Vec<i64> = (1..=11).map(|minutes| minutes * MINUTE).collect();
        assert_eq!(durations(eleven).p90_secs, Some(10 * 60), "rank ⌈9.9⌉ = 10 of 11");
        assert_eq!(durations(vec![7 * MINUTE]).p90_secs, Some(7 * 60));
        assert_eq!(durations(Vec::new()), Durations::NONE);
    }

    #[test]
    fn seconds_round_half_up() {
        assert_eq!(durations(vec![1_499]).median_secs, Some(1));
        assert_eq!(durations(vec![1_500]).median_secs, Some(2));
        assert_eq!(durations(vec![-5]).median_secs, Some(0));
    }

    #[test]
    fn ratings_have_a_rounded_mean_and_a_distribution() {
        let figures = ratings([5, 4, 2]);
        assert_eq!(figures.count, 3);
        assert_eq!(figures.average, Some(3.67));
        assert_eq!(figures.distribution, [0, 1, 0, 1, 1]);
        assert_eq!(ratings([1, 2]).average, Some(1.5));
        assert_eq!(ratings([0, 6]).count, 0, "out of range is not a rating");
        assert_eq!(ratings([]).average, None);
    }
}
