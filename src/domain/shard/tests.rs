use super::*;

fn code(text: &str) -> JoinCode {
    JoinCode::parse(text).expect("a join code")
}

#[test]
fn a_shard_is_read_as_i_over_n() {
    assert_eq!("2/3".parse(), Shard::new(2, 3));
    assert_eq!(
        " 2 / 3 ".parse::<Shard>().map(|s| s.to_string()),
        Ok("2/3".into())
    );
    assert_eq!("1/1".parse(), Ok(Shard::WHOLE));
    assert_eq!("3".parse::<Shard>(), Err(ShardError::Shape));
    assert_eq!("a/3".parse::<Shard>(), Err(ShardError::Shape));
    assert_eq!("0/3".parse::<Shard>(), Err(ShardError::Range));
    assert_eq!("4/3".parse::<Shard>(), Err(ShardError::Range));
    assert_eq!("1/17".parse::<Shard>(), Err(ShardError::Range));
    assert_eq!("1/0".parse::<Shard>(), Err(ShardError::Range));
}

#[test]
fn three_shards_cut_codes_and_keys_into_the_documented_runs() {
    let [one, two, three] = [1, 2, 3].map(|i| Shard::new(i, 3).expect("shard"));
    assert_eq!(one.code_characters(), "0123456789AB");
    assert_eq!(two.code_characters(), "CDEFGHIJKLMN");
    assert_eq!(three.code_characters(), "OPQRSTUVWXYZ");
    assert_eq!(one.key_characters(), "012345");
    assert_eq!(two.key_characters(), "6789a");
    assert_eq!(three.key_characters(), "bcdef");
}

#[test]
fn every_character_belongs_to_exactly_one_shard_at_every_size() {
    for count in 1..=MAX_SHARDS {
        let shards = Shard::all(count).expect("shards");
        let codes: String = shards.iter().map(|s| s.code_characters()).collect();
        let keys: String = shards.iter().map(|s| s.key_characters()).collect();
        assert_eq!(codes, CODE_ORDER, "{count} shards");
        assert_eq!(keys, KEY_ORDER, "{count} shards");
        for shard in shards {
            assert!(
                !shard.key_characters().is_empty(),
                "{shard} has no key digit"
            );
            assert!(
                shard
                    .code_characters()
                    .bytes()
                    .any(|c| GENERATED_ALPHABET.contains(&c)),
                "{shard} cannot generate a code"
            );
        }
    }
}

#[test]
fn a_generated_code_or_key_always_maps_back_to_its_own_shard_alone() {
    for count in 1..=MAX_SHARDS {
        let shards = Shard::all(count).expect("shards");
        for shard in &shards {
            for _ in 0..50 {
                let (code, key) = (shard.generate_code(), shard.generate_key());
                let owners: Vec<_> = shards.iter().filter(|s| s.owns_code(&code)).collect();
                assert_eq!(owners, [shard], "{code} made by {shard}");
                let owners: Vec<_> = shards.iter().filter(|s| s.owns_key(&key)).collect();
                assert_eq!(owners, [shard], "{key} made by {shard}");
                assert!(is_key(&key), "{key}");
                assert_eq!(JoinCode::parse(code.as_str()), Ok(code.clone()));
                assert!(!code.as_str().contains(['I', 'O', '0', '1']), "{code}");
            }
        }
    }
}

#[test]
fn a_shard_key_keeps_its_128_random_bits_after_the_prefix() {
    let shard = Shard::new(3, 3).expect("shard");
    let key = shard.generate_key();
    assert_eq!(key.len(), 33);
    assert!(secret::is_token(&key[1..]));
    assert_ne!(key[1..], shard.generate_key()[1..]);
    // A whole process makes today's 32-character keys.
    assert!(secret::is_token(&Shard::WHOLE.generate_key()));
}

#[test]
fn a_code_typed_in_lower_case_goes_to_the_same_shard() {
    let two = Shard::new(2, 3).expect("shard");
    assert!(two.owns_code(&code("gal-nord")));
    assert!(two.owns_code(&code("GALNORD")));
    assert!(!two.owns_code(&code("SOLIDA")));
    assert!(Shard::new(3, 3).expect("shard").owns_code(&code("solida")));
    assert!(Shard::WHOLE.owns_code(&code("SOLIDA")));
}

#[test]
fn keys_are_recognised_with_or_without_a_shard_digit_and_nothing_else() {
    assert!(is_key(&"a".repeat(32)));
    assert!(is_key(&"b".repeat(33)));
    assert!(!is_key(&"b".repeat(31)));
    assert!(!is_key(&"b".repeat(34)));
    assert!(!is_key(&format!("é{}", "b".repeat(31))));
    assert!(!is_key(&format!("g{}", "b".repeat(32))));
    let two = Shard::new(2, 3).expect("shard");
    assert!(two.owns_key("A0000000000000000000000000000000f"));
    assert!(!two.owns_key("f"));
    assert!(!two.owns_key(""));
}
