using Boilerhouse.Sync.Integrity;

namespace Boilerhouse.Sync.Tests.Integrity;

public sealed class QuickCheckTests
{
    [Theory]
    [InlineData(1_000, 1_000)]
    [InlineData(1_000, 1_001)]
    [InlineData(1_000, 1_002)]
    public void TimeToRecord_file_changed_within_two_seconds_of_the_save_records_no_time(long modified, long savedAt) =>
        Assert.Null(QuickCheck.TimeToRecord(modified, savedAt));

    [Fact]
    public void TimeToRecord_file_changed_earlier_records_its_time() =>
        Assert.Equal(1_000, QuickCheck.TimeToRecord(1_000, 1_003));
}
