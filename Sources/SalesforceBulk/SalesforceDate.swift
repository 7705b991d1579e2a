/// Salesforce's date strings and the wall clock, for scripts that reason about job ages.
public enum SalesforceDate {
    /// Seconds since the Unix epoch of a date Salesforce sent (`2015-12-15T21:41:45.000Z`,
    /// `2015-12-15T20:45:25.000+0000`); nil when unreadable.
    public static func epochSeconds(_ text: String) -> Double? { Time.epochSeconds(of: text) }

    /// Seconds since the Unix epoch now, with sub-second precision.
    public static func now() -> Double { Time.wallSeconds() }
}
