//! Names: field names to variable names, the rules for a valid variable name, and
//! "did you mean" for misspelt attribute keys.

/// `max_connections` -> `MAX_CONNECTIONS`; `maxConnections` -> `MAX_CONNECTIONS`.
pub fn screaming_snake(ident: &str) -> String {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let mut out = String::with_capacity(ident.len() + 4);
    let mut previous_lower = false;
    for c in ident.chars() {
        if c.is_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_uppercase());
    }
    out
}

/// `PlainText` -> `plain-text`: the name a choice is written with.
pub fn kebab(ident: &str) -> String {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let mut out = String::with_capacity(ident.len() + 4);
    let mut previous_lower = false;
    for c in ident.chars() {
        if c.is_uppercase() && previous_lower {
            out.push('-');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        if c == '_' {
            out.push('-');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A choice's name as it is matched: lower case, without `-` and `_`.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why `name` is not a portable environment variable name (upper-case letters, digits and
/// `_`, not starting with a digit), or `None` if it is one.
pub fn variable_name_problem(name: &str, what: &str) -> Option<String> {
    if name.is_empty() {
        return Some(format!("{what} must not be empty"));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        let bad = match bad {
            ' ' => "a space".to_owned(),
            c if c.is_whitespace() || c.is_control() => format!("the character {c:?}"),
            c => format!("`{c}`"),
        };
        let fixed: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        return Some(format!(
            "{what} `{name}` contains {bad}; use only A-Z, 0-9 and `_`, as in `{fixed}`"
        ));
    }
    if name.chars().any(|c| c.is_ascii_lowercase()) {
        return Some(format!(
            "{what} `{name}` has lower-case letters; environment variable names are upper case: `{}`",
            name.to_ascii_uppercase()
        ));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(format!("{what} `{name}` must not start with a digit"));
    }
    None
}

/// The closest of `known` to `word`, if it is close enough to be a likely misspelling.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (distance(word, k), *k))
        .filter(|(d, k)| *d <= 2 && *d < k.len())
        .min()
        .map(|(_, k)| k)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names() {
        let problem = |name| variable_name_problem(name, "the name");
        assert_eq!(problem("DATABASE_URL"), None);
        assert_eq!(problem("_X1"), None);
        assert_eq!(problem(""), Some("the name must not be empty".to_owned()));
        assert_eq!(
            problem("my var"),
            Some(
                "the name `my var` contains a space; use only A-Z, 0-9 and `_`, as in `MY_VAR`"
                    .to_owned()
            )
        );
        assert!(problem("db-url").unwrap().contains("contains `-`"));
        assert!(problem("database_url").unwrap().contains("`DATABASE_URL`"));
        assert!(
            problem("1PORT")
                .unwrap()
                .contains("must not start with a digit")
        );
    }

    #[test]
    fn near_misses() {
        let keys = &["env", "default", "separator"];
        assert_eq!(did_you_mean("defualt", keys), Some("default"));
        assert_eq!(did_you_mean("seperator", keys), Some("separator"));
        assert_eq!(did_you_mean("hidden", keys), None);
        assert_eq!(did_you_mean("en", keys), Some("env"));
    }

    #[test]
    fn case_conversions() {
        assert_eq!(screaming_snake("maxConnections"), "MAX_CONNECTIONS");
        assert_eq!(screaming_snake("r#type"), "TYPE");
        assert_eq!(kebab("PlainText"), "plain-text");
    }
}
