using Beacon.Platform.Files;

namespace Beacon.Platform.Tests.Files;

public sealed class FileKindsTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, FileKinds.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, FileKinds.Png)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1 }, FileKinds.Gif)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, FileKinds.Webp)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FileKinds.Pdf)]
    public void Sniff_KnownSignature_NamesTheType(byte[] head, string expected) => Assert.Equal(expected, FileKinds.Sniff(head));

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 })] // a zip (docx, xlsx, anything)
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0 })] // a Windows executable
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 })] // <svg: script can hide in it
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 })] // RIFF but WAVE
    [InlineData(new byte[0])]
    public void Sniff_AnythingElse_IsNull(byte[] head) => Assert.Null(FileKinds.Sniff(head));

    [Theory]
    [InlineData("现场.JPG", FileKinds.Jpeg)]
    [InlineData("a.jpeg", FileKinds.Jpeg)]
    [InlineData("report.pdf", FileKinds.Pdf)]
    [InlineData("photo.png.exe", null)]
    [InlineData("noextension", null)]
    public void Claimed_ReadsTheExtension(string name, string? expected) => Assert.Equal(expected, FileKinds.Claimed(name));
}
