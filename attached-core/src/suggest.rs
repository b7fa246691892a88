//! "Did you mean ...?": the closest of known names to one that is not known.

/// Edit distance between two names, for "did you mean".
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let mut chars = Vec::with_capacity(b.len());
    for c in b.chars() {
        chars.push(c);
    }
    let b = chars;
    let mut row = Vec::with_capacity(b.len() + 1);
    for j in 0..=b.len() {
        row.push(j);
    }
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The name among `known` closest to `unknown`, if it is close: a few letters off, in
/// proportion to its length (a quarter of it, at least 2). Between two as close, the first
/// given wins.
pub(crate) fn closest<'k>(
    unknown: &str,
    known: impl IntoIterator<Item = &'k str>,
) -> Option<&'k str> {
    closest_with_distance(unknown, known).map(|(_, name)| name)
}

/// [`closest`], with the name's distance from `unknown`: to choose between the answers
/// to two questions.
///
/// A thin generic shell: the work is in [`Closest`], compiled once whatever the iterator.
pub(crate) fn closest_with_distance<'k>(
    unknown: &str,
    known: impl IntoIterator<Item = &'k str>,
) -> Option<(usize, &'k str)> {
    let mut closest = Closest {
        unknown,
        best: None,
    };
    for name in known {
        closest.offer(name);
    }
    closest.best
}

/// The closest name to `unknown` seen so far, with its distance.
struct Closest<'u, 'k> {
    unknown: &'u str,
    best: Option<(usize, &'k str)>,
}

impl<'k> Closest<'_, 'k> {
    fn offer(&mut self, known: &'k str) {
        let close_enough = (known.len() / 4).max(2);
        // Names whose lengths differ by more than the allowance cannot be close: no need
        // to measure them, which keeps a hostile list of long names cheap.
        if known.len().abs_diff(self.unknown.len()) > close_enough {
            return;
        }
        let d = distance(self.unknown, known);
        // Strictly closer only: between two as close, the first given stays.
        let closer = match self.best {
            Some((best, _)) => d < best,
            None => true,
        };
        if d <= close_enough && closer {
            self.best = Some((d, known));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names() {
        assert_eq!(distance("sslmdoe", "sslmode"), 2);
        assert_eq!(closest("sslmdoe", ["sslmode", "sslcert"]), Some("sslmode"));
        assert_eq!(closest("application", ["sslmode"]), None);
        assert_eq!(closest("x", ["y"]), Some("y"));
        assert_eq!(
            closest_with_distance("DATABSE_URL", ["DATABASE_URL"]),
            Some((1, "DATABASE_URL"))
        );
    }
}
