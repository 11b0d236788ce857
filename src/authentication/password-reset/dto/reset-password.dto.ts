import { IsComplexPassword } from '../../methods/dto/method-validation.decorators.js';

/** `POST /users/{id}/authentication/methods/{passwordMethodId}/resetPassword` */
export class ResetPasswordDto {
  @IsComplexPassword()
  newPassword?: string;
}
