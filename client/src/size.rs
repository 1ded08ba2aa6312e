//! File sizes as people read them.

/// A file size in the unit that reads best: "812 bytes", "14 KB", "2.4 MB".
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1_000;
    const MB: u64 = 1_000_000;
    match bytes {
        0..KB => format!("{bytes} bytes"),
        KB..MB => format!("{} KB", bytes.div_ceil(KB)),
        _ => format!("{}.{} MB", bytes / MB, (bytes % MB) / 100_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_read_in_the_best_unit() {
        assert_eq!(file_size(812), "812 bytes");
        assert_eq!(file_size(14_200), "15 KB");
        assert_eq!(file_size(2_400_000), "2.4 MB");
    }
}
