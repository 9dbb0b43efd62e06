using Boilerhouse.Core.Containers;

namespace Boilerhouse.Docker.Tests;

public sealed class ContainerInfoMapperTests
{
    [Theory]
    [InlineData("Up 3 seconds (healthy)", ContainerHealth.Healthy)]
    [InlineData("Up 1 second (health: starting)", ContainerHealth.Starting)]
    [InlineData("Up 2 minutes (unhealthy)", ContainerHealth.Unhealthy)]
    [InlineData("Up 2 minutes", ContainerHealth.None)]
    [InlineData("Created", ContainerHealth.None)]
    public void HealthFromStatus_reads_the_list_status_text(string status, ContainerHealth expected) =>
        Assert.Equal(expected, ContainerInfoMapper.HealthFromStatus(status));

    [Theory]
    [InlineData("Exited (137) 5 seconds ago", 137)]
    [InlineData("Exited (0) About a minute ago", 0)]
    [InlineData("Created", null)]
    [InlineData("Up 3 seconds", null)]
    public void ExitCodeFromStatus_reads_the_exit_code(string status, int? expected) =>
        Assert.Equal(expected, ContainerInfoMapper.ExitCodeFromStatus(status));
}
