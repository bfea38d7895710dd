package dev.arca.admin.cli;

import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourcePath;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** REPO/TYPE/TAG, validated with the KBS's own rules before any request is made (Trustee KBS resource plugin). */
final class ResourcePathConverter implements ITypeConverter<ResourcePath> {

    @Override
    public ResourcePath convert(String value) {
        try {
            return ResourcePath.parse(value);
        } catch (InvalidResourcePathException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
